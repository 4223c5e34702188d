"""One module per question template; each turns deck entries into validated questions."""
