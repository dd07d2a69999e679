"""The offline form: a draft as an XLSX workbook (one row per question), and back.

Reading a workbook is all or nothing: every bad cell is reported as
"row N (KEY), column C: reason" and nothing is written. The workbook carries the draft's
revision: one made from an older revision is refused, so it never reverts later edits.
"""

from __future__ import annotations

import io
from typing import Any
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile, ZipFile

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from cpbtracker.lib import inputs
from cpbtracker.lib.content import content_key, language_name, localized
from cpbtracker.lib.problems import Problem
from cpbtracker.lib.tabular import cells_as_text
from cpbtracker.reporting.form import answer_from_cells, describe_answer
from cpbtracker.reporting.models import ReportVersion
from cpbtracker.reporting.problems import AnswerError, WorkbookError
from cpbtracker.reporting.questionnaire import LANGUAGES, Question, normalize_answer
from cpbtracker.reporting.services import questionnaire_for, report_languages, save_answers

COLUMNS = (
    "key",
    "number",
    "section",
    "question",
    "type",
    "allowed values",
    "answer",
    "additional information",
    "current answer in words",
)
ANSWER_COL, EXTRA_COL = COLUMNS.index("answer") + 1, COLUMNS.index("additional information") + 1
# The header row as the reader sees it, in the workbook's language (the columns are read by
# position, so a translated header reads back the same).
COLUMN_TITLES = {
    "key": gettext_lazy("key"),
    "number": gettext_lazy("number"),
    "section": gettext_lazy("section"),
    "question": gettext_lazy("question"),
    "type": gettext_lazy("type"),
    "allowed values": gettext_lazy("allowed values"),
    "answer": gettext_lazy("answer"),
    "additional information": gettext_lazy("additional information"),
    "current answer in words": gettext_lazy("current answer in words"),
}
SEPARATOR = ";"
# A filled report is well under 1 MB; the limits stop a small zip that unpacks to gigabytes.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 2000


__all__ = ["WorkbookError", "export_workbook", "import_workbook"]


def export_workbook(version: ReportVersion, *, language: str) -> bytes:
    with translation.override(language):
        return _workbook(version, language)


def _workbook(version: ReportVersion, language: str) -> bytes:
    questionnaire = questionnaire_for(version.report.cycle)
    answers = version.answers_dict()
    lang = content_key(language)
    others = _other_languages(version, lang)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "report"
    choices = workbook.create_sheet("choices")  # the drop-down lists, one column per question
    choices.sheet_state = "hidden"
    sheet.append(
        [str(COLUMN_TITLES[column]) for column in COLUMNS]
        + [_("answer in %(language)s") % {"language": language_name(o)} for o in others]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for section in questionnaire.sections:
        for question in (q for q in section.entries() if q.answerable):
            answer, extra = _cells(question, answers.get(question.key), lang)
            sheet.append(
                [
                    question.key,
                    question.number,
                    localized(section.title, language),
                    localized(question.title, language),
                    _type_label(question),
                    _allowed(question, language),
                    answer,
                    extra,
                    describe_answer(question, answers.get(question.key)),
                    *_texts_in(question, answers.get(question.key), others),
                ]
            )
            if question.is_choice and question.options:
                _dropdown(sheet, choices, question, sheet.max_row, language)
    for column, width in zip("ABCDEFGHI", (10, 7, 24, 60, 14, 40, 30, 30, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row[ANSWER_COL - 1].fill = row[EXTRA_COL - 1].fill = PatternFill("solid", fgColor="FFF8E1")
    sheet.freeze_panes = "A2"
    about = workbook.create_sheet("about")
    for row in (
        ("party", version.report.party.iso2),
        ("cycle", version.report.cycle.number),
        ("schema", version.report.cycle.schema),
        ("language", lang),
        ("other languages", " ".join(others)),
        ("revision", version.revision),
    ):
        about.append(row)
    cells_as_text(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_workbook(version: ReportVersion, data: bytes, *, user: Any) -> int:
    """Read a filled workbook into the draft; returns the number of answers read.

    Raises WorkbookError (every problem) or, when the draft changed since the workbook was
    downloaded, the service's StaleDraft; nothing is written then.
    """
    about_rows, report_rows = _read(data)
    about = {str(r[0]): r[1] if len(r) > 1 else None for r in about_rows if r and r[0]}
    report = version.report
    if str(about.get("party", "")).upper() != report.party.iso2 or str(about.get("cycle")) != str(
        report.cycle.number
    ):
        raise WorkbookError(
            "workbook.other-report",
            party=about.get("party"),
            cycle=about.get("cycle"),
            own_party=report.party.iso2,
            own_cycle=report.cycle.number,
        )
    revision = str(about.get("revision", ""))
    if not inputs.ASCII_DIGITS.fullmatch(revision) or len(revision) > 10:
        raise WorkbookError("workbook.no-revision")
    lang = str(about.get("language") or "en")
    others = [o for o in str(about.get("other languages") or "").split() if o in LANGUAGES]
    questionnaire = questionnaire_for(report.cycle)
    stored = version.answers_dict()
    answers: dict[str, object] = {}
    keys: list[str] = []
    problems: list[Problem] = []
    for line, row in enumerate(report_rows[1:], start=2):
        key = str(row[0] or "").strip() if row else ""
        if not key:
            continue
        try:
            question = questionnaire.question(key)
        except KeyError:
            problems.append(Problem("workbook.unknown-key", {"row": line, "key": key}, key=key))
            continue
        keys.append(key)
        answer_cell = row[ANSWER_COL - 1] if len(row) >= ANSWER_COL else None
        extra_cell = row[EXTRA_COL - 1] if len(row) >= EXTRA_COL else None
        try:
            if question.is_text and others:
                answer_cell = _cells_by_language(row, lang, answer_cell, others)
            raw = _raw_answer(question, answer_cell, extra_cell, stored, lang)
            value = normalize_answer(question, raw) if raw is not None else None
        except AnswerError as error:
            problems.append(
                Problem(
                    "workbook.cell", {"row": line, "key": key, "reason": error.problem}, key=key
                )
            )
            continue
        if value is not None:
            answers[key] = value
    if problems:
        raise WorkbookError(problems)
    number = inputs.whole_number(revision, field="revision")
    save_answers(version, answers, user=user, replace=keys, revision=number)
    return len(answers)


def _read(data: bytes) -> tuple[list[tuple], list[tuple]]:
    """The rows of the 'about' and 'report' sheets, once the file is known to be within the
    limits; a damaged file is a WorkbookError, not a server error."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise WorkbookError("workbook.too-large", size=len(data), limit=MAX_UPLOAD_BYTES)
    try:
        with ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (BadZipFile, OSError) as error:
        raise WorkbookError("workbook.not-xlsx", error=error.__class__.__name__) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError("workbook.unpacks-too-large", size=unpacked, limit=MAX_UNPACKED_BYTES)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True)
        sheets = {
            name: list(workbook[name].iter_rows(max_row=MAX_ROWS + 1, values_only=True))
            for name in ("about", "report")
            if name in workbook.sheetnames
        }
    except (ParseError, SyntaxError) as error:  # openpyxl parses with lxml when it is installed
        raise WorkbookError("workbook.damaged-xml") from error
    except (BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise WorkbookError("workbook.not-xlsx", error=error.__class__.__name__) from error
    if len(sheets) < 2:
        raise WorkbookError("workbook.no-sheets")
    about, report = sheets["about"][:50], sheets["report"]
    if len(report) > MAX_ROWS:
        raise WorkbookError("workbook.too-many-rows", limit=MAX_ROWS)
    return about, report


def _type_label(question: Question) -> str:
    if question.is_choice:
        return _("several values") if question.multiple else _("one value")
    if question.is_number:
        return _("number")
    return _("text") if question.is_text else question.type


def _allowed(question: Question, language: str) -> str:
    if not question.is_choice:
        return ""
    if not question.options:
        return _("an identifier")
    lines = []
    for option in question.options:
        note = (
            _(" [+ number]") if option.takes_number else _(" [+ text]") if option.takes_text else ""
        )
        lines.append(f"{option.value} = {localized(option.title, language)}{note}")
    if question.multiple:
        lines.append(_("(separate several values with '%(separator)s')") % {"separator": SEPARATOR})
    return "\n".join(lines)


def _dropdown(sheet, choices, question: Question, row: int, language: str) -> None:
    """A drop-down of the option labels in the workbook's language on the answer cell.

    The labels live on the hidden 'choices' sheet (an inline list breaks on commas and is
    limited to 255 characters). A multiple-choice cell also takes typed lists, so the
    drop-down there offers values without refusing what it does not list.
    """
    column = choices.max_column + 1 if choices["A1"].value is not None else 1
    for line, option in enumerate(question.options, start=1):
        choices.cell(row=line, column=column, value=localized(option.title, language))
    letter = get_column_letter(column)
    validation = DataValidation(
        type="list",
        formula1=f"choices!${letter}$1:${letter}${len(question.options)}",
        allow_blank=True,
        showErrorMessage=not question.multiple,
        error=f"Choose one of the options of question {question.label}, or type its code.",
    )
    sheet.add_data_validation(validation)
    validation.add(sheet.cell(row=row, column=ANSWER_COL))


def _option_value(question: Question, typed: str) -> str:
    """The option code for a typed code or label (in any of the format's languages).

    Unknown text is returned as typed, so the answer check names it.
    """
    if question.option(typed):
        return typed
    wanted = typed.casefold()
    matches = {
        option.value
        for option in question.options
        for title in option.title.values()
        if isinstance(title, str) and title.strip().casefold() == wanted
    }
    return matches.pop() if len(matches) == 1 else typed


def _cells(question: Question, answer: object, lang: str) -> tuple[Any, Any]:
    if answer is None:
        return None, None
    if question.is_choice:
        items: list[Any] = answer if isinstance(answer, list) else [answer]
        values = SEPARATOR.join(i["value"] for i in items)
        extras = [
            (i["value"], _plain(i["additionalInformation"], lang))
            for i in items
            if i.get("additionalInformation") not in (None, "", {})
        ]
        if not extras:
            return values, None
        if question.multiple:
            return values, "\n".join(f"{v}: {e}" for v, e in extras)
        return values, extras[0][1]
    if isinstance(answer, dict):
        return _plain(answer.get("value"), lang), None
    return str(answer), None


def _plain(value: object, lang: str) -> Any:
    if isinstance(value, dict):
        return value.get(lang) or localized(value)
    return value


def _other_languages(version: ReportVersion, lang: str) -> list[str]:
    """The report's languages besides the workbook's: one more answer column each."""
    return [o for o in report_languages(version) if o != lang]


def _texts_in(question: Question, answer: object, others: list[str]) -> list[Any]:
    """A text answer's text in each of the ``others`` languages (empty cells otherwise)."""
    value = answer.get("value") if isinstance(answer, dict) else None
    if not question.is_text or not isinstance(value, dict):
        return [None] * len(others)
    return [value.get(o) for o in others]


def _cells_by_language(row: tuple, lang: str, answer: Any, others: list[str]) -> dict[str, Any]:
    """A text answer's cells as a text per language: the answer column in the workbook's
    language, then one column per other language."""
    cells = {lang: answer}
    for position, other in enumerate(others, start=len(COLUMNS)):
        cells[other] = row[position] if len(row) > position else None
    return {code: "" if cell is None else str(cell) for code, cell in cells.items()}


def _raw_answer(
    question: Question, answer: Any, extra: Any, stored: dict[str, object], lang: str
) -> object:
    if isinstance(answer, dict):  # a text per language
        return answer_from_cells(question, answer, {}, stored=stored, lang=lang)
    if answer in (None, ""):
        return None
    if question.is_choice:
        values = [
            _option_value(question, v.strip()) for v in str(answer).split(SEPARATOR) if v.strip()
        ]
        extras = _extras(question, values, extra)
        return answer_from_cells(question, values, extras, stored=stored, lang=lang)
    return answer_from_cells(question, answer, {}, stored=stored, lang=lang)


def _extras(question: Question, values: list[str], extra: Any) -> dict[str, Any]:
    if extra in (None, ""):
        return {}
    if not question.multiple:
        return {values[0]: extra} if values else {}
    pairs = {}
    for line in str(extra).splitlines():
        value, _, info = line.partition(":")
        pairs[_option_value(question, value.strip())] = info.strip()
    return pairs
