"""argparse in French: its own messages (usage, headings, help of -h, errors) translated while a command line is read.

argparse writes its messages in English through ``gettext``, with no French catalogue on a fresh machine. ``french()``
gives it ours for the time of a ``with`` block, and puts the module's own functions back after it, so that nothing else
in the process (pytest, a library) reads French. A message it lacks stays as argparse writes it: the test of the
commands' texts lists the English ones a reader could see.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from common.typography import console_typography

MESSAGES = {
    "usage: ": "utilisation : ",
    "positional arguments": "arguments",
    "options": "options",
    "optional arguments": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "%(prog)s: error: %(message)s\n": "%(prog)s : erreur : %(message)s\n",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "« %(value)s » inconnu ; choix possibles : %(choices)s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "expected one argument": "une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "expected at most one argument": "au plus une valeur attendue",
    "invalid %(type)s value: %(value)r": "valeur « %(value)s » non valide (%(type)s attendu)",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "incompatible avec l’argument %s",
    "ignored explicit argument %r": "valeur « %s » ignorée",
    "one of the arguments %s is required": "un des arguments %s est obligatoire",
    "unexpected option string: %s": "option inattendue : %s",
    "show program's version number and exit": "afficher la version et quitter",
}
PLURALS = {"expected %s argument": ("%s valeur attendue", "%s valeurs attendues")}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def translate_plural(singular: str, plural: str, count: int) -> str:
    if singular in PLURALS:
        one, many = PLURALS[singular]
        return one if count == 1 else many
    return singular if count == 1 else plural


@contextmanager
def french() -> Iterator[None]:
    """argparse's messages in French inside the block (its parsers built and command lines read there)."""
    own = {name: getattr(argparse, name) for name in ("_", "ngettext")}  # argparse's own gettext functions
    argparse.__dict__.update({"_": translate, "ngettext": translate_plural})
    try:
        yield
    finally:
        argparse.__dict__.update(own)


class FrenchHelpFormatter(argparse.HelpFormatter):
    """A heading of the help as French writes it: « options : » (argparse glues its colon to the word)."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(f"{heading} " if heading else heading)


class FrenchParser(argparse.ArgumentParser):
    """argparse, its help and its usage typeset like the other messages (``print_console``); its own messages are
    French inside ``guide.argparse_fr.french()``."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        super().__init__(*args, **kwargs)

    def _print_message(self, message: str, file=None) -> None:
        super()._print_message(console_typography(message) if message else message, file)
