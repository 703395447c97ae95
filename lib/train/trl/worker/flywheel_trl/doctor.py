"""What the worker's environment has: Python, torch, CUDA devices and memory, library versions."""

import importlib.metadata
import json
import platform
import sys

PACKAGES = ("torch", "transformers", "trl", "peft", "datasets", "accelerate")


def main():
    report = {"python": platform.python_version(), "executable": sys.executable, "versions": {}, "cuda": {"available": False, "devices": []}, "problems": []}
    for name in PACKAGES:
        try:
            report["versions"][name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            report["problems"].append(f"{name} is not installed")
    try:
        import torch

        report["torch"] = torch.__version__
        if torch.cuda.is_available():
            report["cuda"]["available"] = True
            for i in range(torch.cuda.device_count()):
                props = torch.cuda.get_device_properties(i)
                report["cuda"]["devices"].append({"name": props.name, "memoryGiB": round(props.total_memory / 2**30, 1)})
        import trl  # noqa: F401 — imports cleanly (its dependencies are consistent)
    except Exception as e:  # noqa: BLE001
        report["problems"].append(f"import failed: {type(e).__name__}: {e}")
    print(json.dumps(report))
    return 0
