"""The plan's API routes (under /api/v1/)."""

from __future__ import annotations

from rest_framework.routers import SimpleRouter

from cpbtracker.plan.api import GoalViewSet, IndicatorViewSet, NarrativeViewSet

router = SimpleRouter()
router.register("plan/goals", GoalViewSet, basename="goal")
router.register("plan/indicators", IndicatorViewSet, basename="indicator")
router.register("plan/narrative", NarrativeViewSet, basename="narrative")
urlpatterns = router.urls
