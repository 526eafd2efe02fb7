"""PyInstaller run-time hook of the built program, in place of PyInstaller's own for PySide6: Qt's plugin and QML
paths inside the bundle, set without importing Qt, so the commands that never open a window do not load it.

PyInstaller's hook also writes an embedded qt.conf, which PyPI's PySide6 wheels already make when they load.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6", *(() if sys.platform.startswith("win") else ("Qt",)))
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
os.environ["QML2_IMPORT_PATH"] = os.path.join(_qt, "qml")
if sys.platform.startswith("win"):  # QtNetwork finds the OpenSSL DLLs collected beside the program
    os.environ["PATH"] = sys._MEIPASS + os.pathsep + os.environ.get("PATH", "")
