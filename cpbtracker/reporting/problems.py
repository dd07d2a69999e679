"""What national reporting refuses, as problem codes, and their wording for the reader.

Domain code raises these errors with codes and parameters; the messages below are rendered
in the reader's language when shown (lib/problems.py).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from cpbtracker.lib.problems import Problem, ProblemsError, register_messages


class AnswerError(ProblemsError):
    """An answer does not fit its question; ``problem`` says why."""

    MESSAGES = {
        "answer.too-deep": _("the answer is nested more than %(limit)s levels deep"),
        "answer.text-too-long": _("a text of %(length)s characters is longer than %(limit)s"),
        "answer.nul": _("the text contains a NUL character"),
        "answer.control-character": _(
            "the text contains a control character (%(character)s), which cannot be stored"
        ),
        "answer.too-many-items": _("%(count)s items are more than %(limit)s"),
        "answer.text-not-string": _("the %(language)r text is not a string"),
        "answer.not-text": _("expected a text"),
        "answer.not-number": _("%(value)r is not a number"),
        "answer.not-whole-number": _("%(value)r is not a whole number"),
        "answer.negative": _("%(value)s is negative; expected a whole number of 0 or more"),
        "answer.too-large": _("%(value)s is more than %(limit)s"),
        "answer.options-not-list": _("'options' must be a list of option values"),
        "answer.not-option-value": _("%(value)r is not an option value"),
        "answer.unknown-option": _("%(value)r is not an option of question %(label)s"),
        "answer.takes-no-answer": _("this entry takes no answer"),
        "answer.one-value": _("question %(label)s takes one value"),
        "answer.exclusive": _("%(value)r cannot be combined with other options"),
        "answer.unsupported-type": _("unsupported question type %(type)r"),
        "answer.empty": _("the answer is empty"),
    }

    def __init__(self, key: str, code: str, **params: Any):
        self.key = key
        self.problem = Problem(code, params, key=key)
        super().__init__(self.problem)


# The problems of a set of answers (API "problems", the submit page): the code says what kind
# ("missing", "invalid", "unknown-question"), the wording which sentence.
register_messages(
    {
        "missing": _("Question %(label)s is required"),
        "invalid": _("Question %(label)s: %(reason)s"),
        "unknown-question": _("%(key)s is not a question here"),
        "question.hidden": _("Question %(label)s is hidden by the rules"),
    }
)


def unknown_question(key: str) -> Problem:
    return Problem("unknown-question", {"key": key}, key=key)


def rejected_answer(error: AnswerError) -> Problem:
    """The problem of a rejected answer, worded as its reason (the form shows it beside the
    question)."""
    reason = error.problem
    return Problem("invalid", reason.params, key=error.key, wording=reason.code)


class ReportingError(ProblemsError):
    """A request on a report that cannot be carried out."""

    MESSAGES = {
        "report.cycle-closed": _(
            "Reporting cycle %(cycle)s is closed: its reports cannot be changed. "
            "Only the Secretariat can open a cycle."
        ),
        "report.submitted-reopen": _(
            "This report has been submitted; the Secretariat can reopen it as a new version."
        ),
        "report.submitted": _("A submitted report cannot be changed."),
        "report.request-pending": _("A request to publish this report already awaits a decision."),
        "report.reason-required": _("Give the reason for rejecting the request."),
        "report.request-decided": _("This request has already been decided."),
        "report.reopen-needs-submitted": _(
            "Only a submitted report can be reopened; this one already has a draft."
        ),
        "report.no-draft-offline": _("There is no draft of this report to work on offline."),
        "report.blocked": _("%(count)s problem(s) block the submission"),
        "report.stale": _(
            "Nothing was saved: the draft changed since you opened it (revision %(revision)s, "
            "now %(current)s): %(changes)s. Reload it and make your changes again."
        ),
        "report.stale-unknown": _(
            "Nothing was saved: the draft changed since you opened it (revision %(revision)s, "
            "now %(current)s): it was changed. Reload it and make your changes again."
        ),
        "report.changed-by": _("%(who)s at %(at)s UTC changed %(keys)s"),
        "report.changed-by-system": _("the system at %(at)s UTC changed %(keys)s"),
        "report.no-answers": _("no answers"),
        "report.conflict-by": _("changed by %(who)s at %(at)s UTC"),
        "report.conflict-by-system": _("changed by the system at %(at)s UTC"),
        "report.revision-required": _(
            "Nothing was saved: the form does not say which revision of the draft it was made "
            "from. Reload the page and make your changes again."
        ),
        "report.unknown-languages": _(
            "%(languages)s: not a language of the reports (choose among %(known)s)"
        ),
    }

    def __init__(self, code: str | Problem | list[Problem], **params: Any):
        super().__init__(Problem(code, params) if isinstance(code, str) else code)


class WorkbookError(ProblemsError):
    """A workbook that cannot be read into the draft: every problem, nothing written."""

    MESSAGES = {
        "workbook.cell": _("row %(row)s (%(key)s), column answer: %(reason)s"),
        "workbook.unknown-key": _(
            "row %(row)s, column key: %(key)r is not a question of this report"
        ),
        "workbook.other-report": _(
            "this workbook is for %(party)s cycle %(cycle)s, not %(own_party)s cycle %(own_cycle)s"
        ),
        "workbook.no-revision": _(
            "sheet about: the workbook has no draft revision; download a fresh copy of the draft"
        ),
        "workbook.too-large": _(
            "the file has %(size)s bytes; a workbook may have %(limit)s at most"
        ),
        "workbook.upload-too-large": _("The file is larger than %(limit)s bytes."),
        "workbook.not-xlsx": _("not an XLSX workbook (%(error)s)"),
        "workbook.damaged-xml": _("not an XLSX workbook (damaged XML)"),
        "workbook.unpacks-too-large": _(
            "the workbook unpacks to %(size)s bytes; %(limit)s at most are accepted"
        ),
        "workbook.no-sheets": _("the workbook has no 'report' and 'about' sheets"),
        "workbook.too-many-rows": _("sheet report: more than %(limit)s rows"),
    }

    def __init__(self, code: str | list[Problem], **params: Any):
        super().__init__(Problem(code, params) if isinstance(code, str) else code)


class ImportFailed(ProblemsError):
    """BCH documents that cannot be imported: every problem as "file: key: reason"."""

    MESSAGES = {
        "document": _("%(source)s: %(key)s: %(reason)s"),
        "document.unreadable": _("cannot read JSON: %(error)s"),
        "document.not-object": _("a document must be a JSON object"),
        "document.unknown-schema": _("%(schema)r is not a national report schema (%(schemas)s)"),
        "document.unknown-government": _(
            "%(government)r is not a known government (ISO alpha-2 code)"
        ),
        "document.not-a-question": _("not a question of %(schema)s"),
        "document.second-report": _(
            "a second report of %(party)s for cycle %(cycle)s (first in %(first)s)"
        ),
        "document.cycle-closed": _(
            "reporting cycle %(cycle)s is closed; importing into it needs --allow-closed-cycle"
        ),
        "document.no-date": _(
            "no submission date: the document has no 'date'; give --submitted-on"
        ),
        "document.bad-date": _("%(date)r is not a date (YYYY-MM-DD)"),
        "document.bad-languages": _(
            "%(languages)r: the report's languages must be a list among %(known)s"
        ),
    }


def document_problem(source: str, key: str, reason: Problem | str, **params: Any) -> Problem:
    """The problem ``reason`` (a Problem, or a code with ``params``) of ``key`` in a document."""
    if isinstance(reason, str):
        reason = Problem(reason, params, key=key)
    return Problem("document", {"source": source, "key": key, "reason": reason}, key=key)
