"""What the plan holds, as the tests of its loading and its exports expect it."""

PLAN_COUNTS = {
    "goals": 14,
    "objectives": 36,
    "indicators": 48,
    "outcomes": 14,
    "capacity_areas": 39,
    "capacity_activities": 42,
}
