"""Settings: one home for every default, overridable from the environment."""

from __future__ import annotations

import pytest

from rashomon.errors import ConfigError
from rashomon.settings import Settings


def test_environment_overrides_each_type() -> None:
    settings = Settings.from_env(
        {
            "RASHOMON_MAX_BYTES": "1000",
            "RASHOMON_URL_TIMEOUT": "2.5",
            "RASHOMON_SPACY_MODELS": "en_core_web_md, en_core_web_sm",
            "RASHOMON_EMBEDDING_MODEL": "/models/minilm",
        }
    )
    assert settings.max_bytes == 1000
    assert settings.url_timeout == 2.5
    assert settings.spacy_models == ("en_core_web_md", "en_core_web_sm")
    assert settings.embedding_model == "/models/minilm"


def test_unset_variables_keep_the_defaults() -> None:
    assert Settings.from_env({}) == Settings()


def test_official_pipeline_is_tried_before_the_mirror() -> None:
    assert Settings().spacy_models[0] == "en_core_web_sm"


def test_invalid_value_names_the_variable() -> None:
    with pytest.raises(ConfigError, match="RASHOMON_MAX_BYTES"):
        Settings.from_env({"RASHOMON_MAX_BYTES": "lots"})
