"""Root pytest set-up: Qt renders offscreen unless a display is chosen explicitly."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
