// Carries the precompiled umbrella header that every test executable reuses.
