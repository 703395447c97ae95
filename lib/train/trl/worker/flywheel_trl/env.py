"""The studio's environment as a TRL environment class, every call forwarded to the environment server.

No tool logic and no reward logic lives here: the tools execute, the user answers and the reward is
computed by the studio's environment server (lib/envserver); this class only speaks its REST API.
"""

import inspect
import json
import typing
import urllib.error
import urllib.request

JSON_TYPES = {"string": str, "integer": int, "number": float, "boolean": bool, "object": dict, "null": type(None)}


class EnvServerError(RuntimeError):
    pass


class EnvClient:
    """JSON over HTTP to the environment server (stdlib only)."""

    def __init__(self, url, token=None, timeout=120):
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def request(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as res:
                return json.loads(res.read() or b"null")
        except urllib.error.HTTPError as e:
            detail = e.read().decode(errors="replace")
            try:
                detail = json.loads(detail).get("error", detail)
            except ValueError:
                pass
            raise EnvServerError(f"{method} {path}: {e.code} {detail}") from None
        except urllib.error.URLError as e:
            raise EnvServerError(f"{method} {path}: environment server at {self.url} unreachable ({e.reason})") from None


def js_json(value):
    """JSON as the studio's TypeScript writes tool messages (JSON.stringify: no spaces, unicode kept)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def python_type(schema):
    """The type hint whose JSON schema (transformers' get_json_schema) is this property's type."""
    kind = schema.get("type")
    if isinstance(kind, list):
        members = tuple(python_type({**schema, "type": k}) for k in kind)
        return typing.Union[members] if len(members) > 1 else members[0]
    if kind == "array":
        items = schema.get("items")
        return list[python_type(items)] if isinstance(items, dict) and items.get("type") else list
    return JSON_TYPES.get(kind, typing.Any)


def docstring(description, properties):
    """A Google-style docstring: the tool's description, then one line per argument (enum as `(choices: …)`)."""
    lines = [" ".join(description.split()) or "(no description)"]
    if properties:
        lines += ["", "Args:"]
        for name, prop in properties.items():
            text = " ".join(str(prop.get("description") or name).split())
            if "enum" in prop:
                text += f" (choices: {json.dumps(prop['enum'])})"
            lines.append(f"    {name}: {text}")
    return "\n".join(lines)


def tool_method(tool):
    """One method per domain tool: its signature and docstring carry the tool's JSON schema."""
    fn_spec = tool["function"]
    name = fn_spec["name"]
    params = fn_spec.get("parameters") or {}
    properties = params.get("properties") or {}
    required = set(params.get("required") or [])
    ordered = [p for p in properties if p in required] + [p for p in properties if p not in required]

    def call(self, **kwargs):
        args = {k: v for k, v in kwargs.items() if k in required or v is not None}
        return self._call_tool(name, args)

    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    annotations = {}
    for p in ordered:
        hint = python_type(properties[p])
        annotations[p] = hint
        default = inspect.Parameter.empty if p in required else None
        parameters.append(inspect.Parameter(p, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint))
    call.__name__ = call.__qualname__ = name
    call.__doc__ = docstring(fn_spec.get("description") or "", {p: properties[p] for p in ordered})
    call.__signature__ = inspect.Signature(parameters)
    call.__annotations__ = annotations
    return call


def make_env_class(client, tools, max_turns=None, seed=0):
    """A TRL environment class (reset, one method per tool, get_reward) over one environment server."""

    class StudioEnvironment:
        def __init__(self):
            self.session_id = None
            self.messages = []
            self.done = False
            self.end_reason = None
            self.pending_content = None  # the assistant text that goes with the next tool call
            self.episode_tools = None  # the tools this episode allows (a problem: its read tools), by name

        def reset(self, case_id=None, **_row):
            """Starts a session on the case; returns the user's opening turn."""
            self._close()
            body = {"task_id": case_id, "seed": seed}
            if max_turns:
                body["max_turns"] = max_turns
            res = client.request("POST", "/sessions", body)
            self.session_id, self.messages = res["session_id"], res["messages"]
            self.episode_tools = {t["function"]["name"] for t in res["tools"]} if res.get("tools") is not None else None
            self.done, self.end_reason = False, None
            return self.messages[-1]["content"] if self.messages else None

        def _call_tool(self, name, arguments):
            res = client.request("POST", f"/sessions/{self.session_id}/tool", {"name": name, "arguments": arguments, "content": self.pending_content})
            self.pending_content = None
            self.done, self.end_reason = res["done"], res.get("end_reason")
            output = {"error": res["error"]} if res.get("error") else res.get("output")
            return output if isinstance(output, str) else js_json(output)

        def _reply(self, content):
            """The agent's text turn: the simulated user answers (None once the conversation is over)."""
            res = client.request("POST", f"/sessions/{self.session_id}/reply", {"content": content})
            self.done, self.end_reason = res["done"], res.get("end_reason")
            return res.get("user")

        def get_reward(self):
            """The environment server's verifiable reward of the rollout."""
            return float(client.request("GET", f"/sessions/{self.session_id}/score")["reward"])

        def _close(self):
            if self.session_id:
                try:
                    client.request("DELETE", f"/sessions/{self.session_id}")
                except EnvServerError:
                    pass  # already expired
                self.session_id = None

    StudioEnvironment._tool_names = [t["function"]["name"] for t in tools]
    for tool in tools:
        name = tool["function"]["name"]
        if hasattr(StudioEnvironment, name) or not name.isidentifier():
            raise ValueError(f"tool name {name!r} cannot be a method of the environment class")
        setattr(StudioEnvironment, name, tool_method(tool))
    return StudioEnvironment


def tool_methods(env):
    """The bound tool methods of an environment instance, in the domain's order: after a reset only
    those its episode allows (a problem shows its read tools, not the domain's writes)."""
    allowed = getattr(env, "episode_tools", None)
    return [getattr(env, n) for n in env._tool_names if allowed is None or n in allowed]
