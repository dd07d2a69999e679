"""The Parties registry's API routes (under /api/v1/)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from cpbtracker.parties.api import PartyViewSet

router = SimpleRouter()
router.register("parties", PartyViewSet, basename="party")
urlpatterns = router.urls
