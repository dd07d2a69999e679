"""cpbtracker: the Cartagena Protocol's Implementation Plan (2021-2030), run as a platform."""
