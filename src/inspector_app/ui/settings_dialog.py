"""Settings: identity, language, theme, text size, the serviceability standard and the ORI interval; applied at
once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QWidget

from inspector_app.errors import InspectorError
from inspector_app.i18n import _
from inspector_app.services import identity, profile, settings
from inspector_app.services.workspace import Workspace
from inspector_app.ui import theme
from inspector_app.ui.first_run_dialog import fill_roles
from inspector_app.ui.forms.settings_dialog_ui import Ui_SettingsDialog
from inspector_app.ui.preferences import Preferences

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}


class SettingsDialog(QDialog):
    languageChosen = Signal(str)
    themeChosen = Signal(str)
    fontSizeChosen = Signal(int)

    def __init__(self, workspace: Workspace, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.preferences = workspace, preferences
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self._show_profile()
        for code, name in LANGUAGE_NAMES.items():
            self.ui.language.addItem(name, code)
        self.ui.language.setCurrentIndex(self.ui.language.findData(preferences.language))
        for code, label in theme.THEMES.items():
            self.ui.theme.addItem(_(label), code)
        self.ui.theme.setCurrentIndex(self.ui.theme.findData(preferences.theme))
        self.ui.fontSize.setValue(preferences.font_size)
        threshold = settings.get(workspace, settings.SERVICEABILITY_THRESHOLD)
        self.ui.threshold.setValue(round(float(threshold) * 100) if threshold else 90)
        self.ui.oriInterval.setValue(self._ori_interval())
        self.ui.createKey.clicked.connect(lambda: self.create_key())
        self._show_key()
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def _ori_interval(self) -> int:
        """The ORI interval in force; a stored value no longer valid shows as the default, to be saved again."""
        try:
            return settings.ori_interval_months(self.workspace)
        except InspectorError:
            return int(settings.DEFAULTS[settings.ORI_INTERVAL_MONTHS])

    def create_key(self, passphrase: str | None = None) -> bool:
        """Create the signing key (asking the passphrase twice unless given); the identity is shown after."""
        if passphrase is None:
            passphrase, ok = QInputDialog.getText(self, _("Signing key"), _(
                "A passphrase for your signing key (8 characters or more):"), QLineEdit.EchoMode.Password)
            again, ok_again = QInputDialog.getText(self, _("Signing key"), _("The same passphrase again:"),
                                                   QLineEdit.EchoMode.Password) if ok else ("", False)
            if not (ok and ok_again):
                return False
            if again != passphrase:
                self.ui.keyStatus.setText(_("The two passphrases differ; nothing was created."))
                return False
        try:
            self._save_profile()
            identity.create(self.workspace, passphrase)
        except InspectorError as exc:
            self.ui.keyStatus.setText(str(exc))
            return False
        self._show_key()
        return True

    def _show_key(self) -> None:
        line = identity.summary(self.workspace)
        self.ui.keyStatus.setText(line or _("None yet: create one to sign reports digitally."))
        self.ui.createKey.setEnabled(line is None)
        self._show_profile()

    def _show_profile(self) -> None:
        """The profile's name and role; once a key exists, the certificate's, and they cannot be edited here."""
        current = profile.current(self.workspace)
        self.ui.name.setText(current.name)
        self.ui.name.setPlaceholderText(_("Your full name, as it goes on reports"))
        fill_roles(self.ui.role, current.role)
        from_certificate = current.source == profile.CERTIFICATE
        self.ui.name.setEnabled(not from_certificate)
        self.ui.role.setEnabled(not from_certificate)
        self.ui.profileStatus.setText(
            _("Your name and role come from your signing key's certificate.") if from_certificate
            else _("No name yet: your answers and reports are recorded as an unknown inspector.")
            if current.source == profile.NONE else "")

    def _save_profile(self) -> None:
        """Save the name and role typed here (not when the certificate names the inspector)."""
        current = profile.current(self.workspace)
        name, role = self.ui.name.text().strip(), self.ui.role.currentData()
        if current.source != profile.CERTIFICATE and (name or current.name) and (name, role) != (current.name,
                                                                                               current.role):
            profile.save(self.workspace, name, role)

    def accept(self) -> None:
        try:
            self._save_profile()
        except InspectorError as exc:
            self.ui.profileStatus.setText(str(exc))
            self.ui.name.setFocus()
            return
        threshold = f"{self.ui.threshold.value() / 100:.2f}"
        if threshold != (settings.get(self.workspace, settings.SERVICEABILITY_THRESHOLD) or "0.90"):
            settings.put(self.workspace, settings.SERVICEABILITY_THRESHOLD, threshold)
        months = str(self.ui.oriInterval.value())
        if months != settings.get_or_default(self.workspace, settings.ORI_INTERVAL_MONTHS):
            settings.put(self.workspace, settings.ORI_INTERVAL_MONTHS, months)
        self.languageChosen.emit(self.ui.language.currentData())
        self.themeChosen.emit(self.ui.theme.currentData())
        self.fontSizeChosen.emit(self.ui.fontSize.value())
        super().accept()
