"""Jinja's immutable sandbox with resource limits: how long a text, how many loop turns.

The sandbox stops a template from reaching Python internals, not from asking for memory:
``{{ 'a' * 200000000 }}`` builds 200 MB, ``{% set s = s ~ s %}`` twenty times a gigabyte,
and three nested ``range(100000)`` loops run for hours. Here every way a template makes a
long text (``*``, ``+``, ``~``, ``%``, string methods, the filters that pad or repeat) is
checked against ``template_chars`` before the text is made, ``range`` gives at most
``template_range`` items, every ``for`` loop of a rendering shares ``template_loops`` turns,
and the rendered part stops at ``template_output_chars``.
"""

from __future__ import annotations

import functools
import inspect
import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from pipeline import limits

_NUMBER = re.compile(r"\d+")
#: an int bigger than this many bits is no value a form prints
_MAX_BITS = 100_000
#: string methods whose result can be far longer than the string, and how to bound it
_PADDING = {"ljust", "rjust", "center", "zfill"}


class TemplateLimit(SecurityError):
    """A template asked for more than a limit allows; the message names the limit and its setting."""


class _Generator(CodeGenerator):
    """Jinja's code generator, with every ``~`` checked by the environment once joined."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """The environment every form template runs in (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Generator

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        lim = limits()
        self.max_chars, self.max_range = lim.template_chars, lim.template_range
        self.max_loops, self.max_output = lim.template_loops, lim.template_output_chars
        self.turns = 0
        self.globals["range"] = self._range
        self.globals["lipsum"] = self._lipsum(self.globals["lipsum"])
        self.globals["tourdesk_loop"] = self._loop
        self.filters = {name: self._filter(name, f) for name, f in self.filters.items()}

    # -- what a rendering may build ------------------------------------------------------

    def begin(self) -> None:
        """A new rendering: the loop turns start again from zero."""
        self.turns = 0

    def _too_long(self, size: int, what: str = "a text") -> None:
        if size > self.max_chars:
            raise TemplateLimit(
                f"builds {what} of {size:,} characters (the limit is {self.max_chars:,}, "
                "setting TOURDESK_LIMIT_TEMPLATE_CHARS)"
            )

    def joined(self, text: str) -> str:
        """A ``~`` result: its parts were checked, so it is at most a few times the limit."""
        self._too_long(len(text))
        return text

    def _range(self, *args: int) -> range:
        items = range(*args)
        if len(items) > self.max_range:
            raise TemplateLimit(
                f"asks for a range of {len(items):,} items (the limit is {self.max_range:,}, "
                "setting TOURDESK_LIMIT_TEMPLATE_RANGE)"
            )
        return items

    def _loop(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self.turns += 1
            if self.turns > self.max_loops:
                raise TemplateLimit(
                    f"loops more than {self.max_loops:,} times (setting TOURDESK_LIMIT_TEMPLATE_LOOPS)"
                )
            yield item

    def _lipsum(self, lipsum: Callable[..., Any]) -> Callable[..., Any]:
        def limited(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:  # noqa: A002
            self._too_long(int(n) * int(max) * 12, "placeholder text")
            return lipsum(n, html, min, max)

        return limited

    def concat(self, parts: Iterable[str]) -> str:  # type: ignore[override]
        """The rendered part, stopped at ``template_output_chars``."""
        out: list[str] = []
        size = 0
        for part in parts:
            size += len(part)
            if size > self.max_output:
                raise TemplateLimit(
                    f"writes more than {self.max_output:,} characters into one part of the document "
                    "(setting TOURDESK_LIMIT_TEMPLATE_OUTPUT_CHARS)"
                )
            out.append(part)
        return "".join(out)

    # -- every loop counts its turns -----------------------------------------------------

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            call = nodes.Call(nodes.Name("tourdesk_loop", "load"), [loop.iter], [], None, None)
            loop.iter = call.set_lineno(loop.lineno)
        return tree

    # -- operators, calls and filters checked before they build -----------------------------

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            self._check_repeat(left, right)
        elif operator == "**" and _huge_power(left, right):
            raise TemplateLimit(f"raises a number to the power {right:,}, a number no form prints")
        elif operator == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                self._too_long(len(left) + len(right), "a text" if isinstance(left, str) else "a list")
        elif operator == "%" and isinstance(left, str):
            self._check_widths(left)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str):
            self._too_long(len(result))
        return result

    def _check_repeat(self, left: Any, right: Any) -> None:
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, str | list | tuple) and isinstance(times, int):
                self._too_long(len(seq) * times, "a text" if isinstance(seq, str) else "a list")
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > _MAX_BITS:
            raise TemplateLimit("computes a number no form prints")

    def _check_widths(self, template: str) -> None:
        """A format string's widths and precisions (``%999999999s``, ``{:>999999999}``)."""
        for number in _NUMBER.findall(template):
            if len(number) > 9 or int(number) > self.max_chars:
                self._too_long(int(number), "a padded text")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        method = inspect.unwrap(__obj)
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            __self._check_str_method(owner, getattr(method, "__name__", ""), args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str):
            __self._too_long(len(result))
        return result

    def _check_str_method(self, text: str, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        values = [*args, *kwargs.values()]
        if name in _PADDING and values and isinstance(values[0], int):
            self._too_long(values[0])
        elif name == "expandtabs":
            self._too_long(len(text) * (values[0] if values and isinstance(values[0], int) else 8))
        elif name == "replace" and len(values) >= 2 and isinstance(values[0], str) and isinstance(values[1], str):
            self._too_long(len(text) + max(0, len(values[1]) - len(values[0])) * _count(text, values[0]))
        elif name == "join" and values:
            self._too_long(_joined(text, values[0]))
        elif name in ("format", "format_map"):
            self._check_widths(text)

    def _filter(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def checked(*args: Any, **kwargs: Any) -> Any:
            self._check_filter(name, [a for a in args if not _is_context(a)], kwargs)
            result = func(*args, **kwargs)
            if isinstance(result, str):
                self._too_long(len(result))
            return result

        return checked

    def _check_filter(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> None:
        value, rest = (args[0] if args else None), [*args[1:], *kwargs.values()]
        ints = [v for v in rest if isinstance(v, int) and not isinstance(v, bool)]
        if name in ("center", "indent") and ints:
            lines = str(value).count("\n") + 1 if name == "indent" else 1
            self._too_long(len(str(value)) + ints[0] * lines)
        elif name in ("batch", "slice") and ints:
            self._range(ints[0])
        elif name == "replace" and len(rest) >= 2 and isinstance(value, str):
            old, new = str(rest[0]), str(rest[1])
            self._too_long(len(value) + max(0, len(new) - len(old)) * _count(value, old))
        elif name == "format" and isinstance(value, str):
            self._check_widths(value)
        elif name == "join" and value is not None:
            self._too_long(_joined(str(rest[0]) if rest else "", value))


def _huge_power(base: Any, exponent: Any) -> bool:
    if not (isinstance(base, int) and isinstance(exponent, int)) or abs(base) <= 1 or exponent <= 0:
        return False
    return exponent * math.log2(abs(base)) > _MAX_BITS


def _count(text: str, part: str) -> int:
    return len(text) + 1 if not part else text.count(part)


def _joined(separator: str, items: Any) -> int:
    """Characters ``separator.join(items)`` would make, without making it (0 if not countable)."""
    try:
        sizes = [len(str(item)) for item in items] if isinstance(items, list | tuple | str) else []
    except TypeError:
        return 0
    return sum(sizes) + len(separator) * max(0, len(sizes) - 1)


def _is_context(value: Any) -> bool:
    return type(value).__name__ in ("Context", "EvalContext", "LimitedSandbox")
