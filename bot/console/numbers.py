"""The one reading of a number typed at the console, shared by every command that takes one (COUNT, PAGE, ...)."""

from __future__ import annotations


class ArgumentError(ValueError):
    """A console argument that cannot be used; the message says what would work."""


def looks_numeric(word: str) -> bool:
    """Whether `word` was meant as a number, well formed or not ('5', '--5', '²'), rather than as a name."""
    digits = word.lstrip("+-")
    return bool(digits) and all(char.isnumeric() for char in digits)


def number(word: str, name: str, low: int, high: int) -> int:
    """`word` as a whole number from `low` to `high`; anything else ('²', '-5', 5,000 digits) is an ArgumentError.

    Only decimal digits count ('²' is a digit to str.isdigit but not a number to int), and the length is checked
    before converting, so no input reaches int()'s own errors.
    """
    digits = word.lstrip("0") or word[-1:]
    if not word.isdecimal() or len(digits) > len(str(high)) or not low <= int(digits) <= high:
        raise ArgumentError(f"{name} must be a whole number between {low} and {high}.")
    return int(digits)
