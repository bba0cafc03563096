"""The Qt user interface: the only package (with app.py) that imports PySide6."""

from engager_desktop.ui.qt_workarounds import keep_singletons_alive

# PySide6 6.12 on Python 3.11 leaks references to None/True/False (see qt_workarounds).
keep_singletons_alive()
