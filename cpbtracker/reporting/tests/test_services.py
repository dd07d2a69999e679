"""Every reporting service: who may call it, that a refused call changes nothing, and the
audit row it writes."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import PermissionDenied

from cpbtracker.accounts.models import AuditEntry
from cpbtracker.reporting.demo import demo_answers
from cpbtracker.reporting.models import PublicationRequest, ReportingCycle, ReportVersion
from cpbtracker.reporting.questionnaire import load_questionnaire
from cpbtracker.reporting.services import (
    ReportingError,
    StaleDraft,
    SubmissionBlocked,
    approve_publication,
    open_draft,
    reject_publication,
    reopen_report,
    request_publication,
    save_answers,
    submit_report,
)

pytestmark = pytest.mark.django_db
YES = {"value": "implementation.fullInPlace"}
NO = {"value": "implementation.none"}


@pytest.fixture
def cycle():
    return ReportingCycle.objects.get(number=5)


@pytest.fixture
def draft(personas, cycle):
    return open_draft(personas.kenya, cycle, user=personas.ke_user)


@pytest.fixture
def complete(personas, draft):
    answers = demo_answers(load_questionnaire("cpbNationalReport5"), random.Random(7), 0.7)
    return save_answers(draft, answers, user=personas.ke_user).version


def audit_rows(action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action))


# open_draft


def test_opening_a_draft_writes_an_audit_row_with_who_and_which_report(personas, draft):
    (row,) = audit_rows("report.draft_opened")
    assert (row.user, row.party, row.cycle) == (personas.ke_user, "KE", 5)


def test_it_refuses_to_open_another_partys_draft(personas, cycle):
    with pytest.raises(PermissionDenied):
        open_draft(personas.kenya, cycle, user=personas.cn_user)
    assert not ReportVersion.objects.exists() and not audit_rows("report.draft_opened")


def test_it_refuses_to_open_a_draft_in_a_closed_cycle(personas):
    with pytest.raises(ReportingError, match="Reporting cycle 4 is closed"):
        open_draft(personas.kenya, ReportingCycle.objects.get(number=4), user=personas.ke_user)
    assert not ReportVersion.objects.exists()


# save_answers


def test_saving_writes_an_audit_row_with_the_old_and_new_answer(personas, draft):
    save_answers(draft, {"Q007": YES}, user=personas.ke_user)
    (row,) = audit_rows("report.saved")
    assert row.user == personas.ke_user
    assert row.detail["changes"] == {"Q007": {"old": None, "new": YES}}
    assert row.detail["revision"] == 1


def test_it_refuses_to_save_into_another_partys_draft(personas, draft):
    with pytest.raises(PermissionDenied):
        save_answers(draft, {"Q007": YES}, user=personas.cn_user)
    assert draft.answers_dict() == {} and not audit_rows("report.saved")


def test_a_stale_save_is_refused_and_writes_nothing(personas, draft):
    save_answers(draft, {"Q007": YES}, user=personas.ke_user)
    with pytest.raises(StaleDraft, match=r"revision 0, now 1\): ke-user at .* changed Q007"):
        save_answers(draft, {"Q007": NO}, user=personas.ke_nfp, revision=0)
    assert ReportVersion.objects.get().answers_dict() == {"Q007": YES}
    assert len(audit_rows("report.saved")) == 1


def test_a_save_that_changes_nothing_writes_no_audit_row(personas, draft):
    save_answers(draft, {"Q007": YES}, user=personas.ke_user)
    save_answers(draft, {"Q007": YES}, user=personas.ke_user)
    assert len(audit_rows("report.saved")) == 1


# submit_report


def test_submitting_writes_an_audit_row(personas, complete):
    submit_report(complete, user=personas.ke_nfp)
    (row,) = audit_rows("report.submitted")
    assert (row.user, row.party, row.cycle) == (personas.ke_nfp, "KE", 5)


def test_an_authorized_user_cannot_submit(personas, complete):
    with pytest.raises(PermissionDenied):
        submit_report(complete, user=personas.ke_user)
    assert ReportVersion.objects.get().is_draft and not audit_rows("report.submitted")


def test_a_blocked_submission_changes_nothing(personas, draft):
    with pytest.raises(SubmissionBlocked) as blocked:
        submit_report(draft, user=personas.ke_nfp)
    assert "Question 7 is required" in [p.message for p in blocked.value.problems]
    assert ReportVersion.objects.get().is_draft and not audit_rows("report.submitted")


# request, approve and reject publication


def test_requesting_publication_writes_an_audit_row(personas, complete):
    request = request_publication(complete, user=personas.ke_user)
    (row,) = audit_rows("report.publication_requested")
    assert row.user == personas.ke_user and row.detail == {"request": request.pk}


def test_another_partys_user_cannot_request_publication(personas, complete):
    with pytest.raises(PermissionDenied):
        request_publication(complete, user=personas.cn_user)
    assert not PublicationRequest.objects.exists()


def test_approving_publishes_and_writes_an_audit_row(personas, complete):
    request = request_publication(complete, user=personas.ke_user)
    approve_publication(request, user=personas.ke_nfp)
    (row,) = audit_rows("report.publication_approved")
    assert row.user == personas.ke_nfp and row.detail == {"request": request.pk}
    assert not ReportVersion.objects.get().is_draft


def test_an_authorized_user_cannot_approve(personas, complete):
    request = request_publication(complete, user=personas.ke_user)
    with pytest.raises(PermissionDenied):
        approve_publication(request, user=personas.ke_user)
    assert PublicationRequest.objects.get().is_pending and ReportVersion.objects.get().is_draft


def test_rejecting_writes_an_audit_row_with_the_reason(personas, complete):
    request = request_publication(complete, user=personas.ke_user)
    reject_publication(request, user=personas.ke_nfp, reason=" not yet ")
    (row,) = audit_rows("report.publication_rejected")
    assert row.detail == {"request": request.pk, "reason": "not yet"}


def test_a_rejection_without_reason_is_refused_and_changes_nothing(personas, complete):
    request = request_publication(complete, user=personas.ke_user)
    with pytest.raises(ReportingError, match="Give the reason"):
        reject_publication(request, user=personas.ke_nfp, reason="  ")
    assert PublicationRequest.objects.get().is_pending
    assert not audit_rows("report.publication_rejected")


# reopen_report


def test_reopening_writes_an_audit_row(personas, complete):
    submit_report(complete, user=personas.ke_nfp)
    version = reopen_report(complete.report, user=personas.secretariat)
    (row,) = audit_rows("report.reopened")
    assert row.user == personas.secretariat and row.detail == {"previous": 1}
    assert version.number == 2 and version.answers_dict() == complete.answers_dict()


def test_only_the_secretariat_reopens(personas, complete):
    submit_report(complete, user=personas.ke_nfp)
    with pytest.raises(PermissionDenied):
        reopen_report(complete.report, user=personas.ke_nfp)
    assert ReportVersion.objects.count() == 1 and not audit_rows("report.reopened")
