from __future__ import annotations

import pytest

from bot.knowledge import yamlsource


@pytest.fixture(params=["libyaml", "python"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """A test taking this runs once with libyaml's C loader (what decks are read with when PyYAML has it) and once
    with the pure-Python fallback."""
    loader = yamlsource.LOADERS.get(request.param)
    if loader is None:
        pytest.skip("this PyYAML was built without libyaml")
    monkeypatch.setattr(yamlsource, "LineLoader", loader)
    return loader
