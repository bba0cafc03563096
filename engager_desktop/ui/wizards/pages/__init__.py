"""The wizard pages, one class per file; each names its guidance place and builds its inputs."""
