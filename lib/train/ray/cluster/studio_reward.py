"""verl's custom_reward_function for Flywheel Studio runs: a fallback, not a second reward.

The studio agent loop returns the environment's verifiable reward as AgentLoopOutput.reward_score,
which verl uses directly. Reward managers that call compute_score anyway get that same number
back: verl merges the loop's extra fields (studio_reward) and its reward scores into extra_info.
There is no reward logic here; a rollout that did not go through the loop is an error, not a 0.
"""


def compute_score(data_source, solution_str, ground_truth, extra_info=None, **kwargs):
    info = extra_info or {}
    if info.get("studio_reward") is not None:
        return float(info["studio_reward"])
    scores = info.get("rollout_reward_scores")
    if isinstance(scores, dict) and scores.get("studio_reward") is not None:
        return float(scores["studio_reward"])
    if isinstance(scores, (int, float)):
        return float(scores)
    raise ValueError(
        f"no environment reward for a {data_source!r} rollout: rows must set agent_name=studio_env_agent "
        "so the studio agent loop runs them and returns the environment's reward"
    )
