"""python -m flywheel_trl train <job.json> | serve <checkpoint> | doctor | schemas < tools.json"""

import os
import sys

# No model hub at run time: checkpoints come from disk. Set before transformers is imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRL_EXPERIMENTAL_SILENCE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def schemas():
    """The JSON schemas TRL/transformers read off the generated tool methods (for the studio's tests)."""
    import json

    from transformers.utils import get_json_schema

    from .env import make_env_class, tool_methods

    env = make_env_class(None, json.load(sys.stdin))()
    print(json.dumps([get_json_schema(m) for m in tool_methods(env)]))
    return 0


def main(argv):
    command = argv[0] if argv else ""
    if command == "train" and len(argv) == 2:
        from .train import main as train

        return train(argv[1])
    if command == "serve" and len(argv) == 2:
        from .serve import main as serve

        return serve(argv[1])
    if command == "doctor":
        from .doctor import main as doctor

        return doctor()
    if command == "schemas":
        return schemas()
    sys.stderr.write(__doc__ + "\n")
    return 2


sys.exit(main(sys.argv[1:]))
