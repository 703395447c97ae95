"""Flywheel Studio's TRL worker: a thin adapter between the studio's environment server and TRL's GRPOTrainer."""
