# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'workspace_view.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import QCoreApplication, QMetaObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter, QStackedWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

class Ui_WorkspaceView(object):
    def setupUi(self, WorkspaceView):
        if not WorkspaceView.objectName():
            WorkspaceView.setObjectName(u"WorkspaceView")
        self.layout = QVBoxLayout(WorkspaceView)
        self.layout.setObjectName(u"layout")
        self.heading = QLabel(WorkspaceView)
        self.heading.setObjectName(u"heading")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.heading.sizePolicy().hasHeightForWidth())
        self.heading.setSizePolicy(sizePolicy)

        self.layout.addWidget(self.heading)

        self.signedBanner = QFrame(WorkspaceView)
        self.signedBanner.setObjectName(u"signedBanner")
        self.signedBanner.setFrameShape(QFrame.StyledPanel)
        self.signedLayout = QHBoxLayout(self.signedBanner)
        self.signedLayout.setObjectName(u"signedLayout")
        self.signedText = QLabel(self.signedBanner)
        self.signedText.setObjectName(u"signedText")
        self.signedText.setWordWrap(True)

        self.signedLayout.addWidget(self.signedText)

        self.amendButton = QPushButton(self.signedBanner)
        self.amendButton.setObjectName(u"amendButton")

        self.signedLayout.addWidget(self.amendButton)


        self.layout.addWidget(self.signedBanner)

        self.splitter = QSplitter(WorkspaceView)
        self.splitter.setObjectName(u"splitter")
        sizePolicy1 = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        sizePolicy1.setHorizontalStretch(0)
        sizePolicy1.setVerticalStretch(1)
        sizePolicy1.setHeightForWidth(self.splitter.sizePolicy().hasHeightForWidth())
        self.splitter.setSizePolicy(sizePolicy1)
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.left = QWidget(self.splitter)
        self.left.setObjectName(u"left")
        self.leftLayout = QVBoxLayout(self.left)
        self.leftLayout.setObjectName(u"leftLayout")
        self.leftLayout.setContentsMargins(0, 0, 0, 0)
        self.find = QLineEdit(self.left)
        self.find.setObjectName(u"find")
        self.find.setClearButtonEnabled(True)

        self.leftLayout.addWidget(self.find)

        self.sections = QTreeWidget(self.left)
        __qtreewidgetitem = QTreeWidgetItem()
        __qtreewidgetitem.setText(0, u"1")
        self.sections.setHeaderItem(__qtreewidgetitem)
        self.sections.setObjectName(u"sections")
        self.sections.setHeaderHidden(True)
        self.sections.setUniformRowHeights(True)

        self.leftLayout.addWidget(self.sections)

        self.splitter.addWidget(self.left)
        self.pages = QStackedWidget(self.splitter)
        self.pages.setObjectName(u"pages")
        self.itemPage = QWidget()
        self.itemPage.setObjectName(u"itemPage")
        self.itemLayout = QVBoxLayout(self.itemPage)
        self.itemLayout.setObjectName(u"itemLayout")
        self.itemTitle = QLabel(self.itemPage)
        self.itemTitle.setObjectName(u"itemTitle")
        self.itemTitle.setWordWrap(True)

        self.itemLayout.addWidget(self.itemTitle)

        self.itemTerms = QLabel(self.itemPage)
        self.itemTerms.setObjectName(u"itemTerms")
        self.itemTerms.setWordWrap(True)
        self.itemTerms.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.itemLayout.addWidget(self.itemTerms)

        self.itemGuidance = QLabel(self.itemPage)
        self.itemGuidance.setObjectName(u"itemGuidance")
        self.itemGuidance.setWordWrap(True)

        self.itemLayout.addWidget(self.itemGuidance)

        self.editorHost = QWidget(self.itemPage)
        self.editorHost.setObjectName(u"editorHost")
        self.editorLayout = QVBoxLayout(self.editorHost)
        self.editorLayout.setObjectName(u"editorLayout")
        self.editorLayout.setContentsMargins(0, -1, -1, -1)

        self.itemLayout.addWidget(self.editorHost)

        self.itemError = QLabel(self.itemPage)
        self.itemError.setObjectName(u"itemError")
        self.itemError.setWordWrap(True)

        self.itemLayout.addWidget(self.itemError)

        self.remarkLabel = QLabel(self.itemPage)
        self.remarkLabel.setObjectName(u"remarkLabel")

        self.itemLayout.addWidget(self.remarkLabel)

        self.remark = QPlainTextEdit(self.itemPage)
        self.remark.setObjectName(u"remark")
        self.remark.setMaximumHeight(90)
        self.remark.setTabChangesFocus(True)

        self.itemLayout.addWidget(self.remark)

        self.photosHost = QWidget(self.itemPage)
        self.photosHost.setObjectName(u"photosHost")
        self.photosLayout = QVBoxLayout(self.photosHost)
        self.photosLayout.setObjectName(u"photosLayout")
        self.photosLayout.setContentsMargins(0, -1, -1, -1)

        self.itemLayout.addWidget(self.photosHost)

        self.hint = QLabel(self.itemPage)
        self.hint.setObjectName(u"hint")
        self.hint.setWordWrap(True)

        self.itemLayout.addWidget(self.hint)

        self.spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.itemLayout.addItem(self.spacer)

        self.pages.addWidget(self.itemPage)
        self.termsPage = QWidget()
        self.termsPage.setObjectName(u"termsPage")
        self.termsLayout = QVBoxLayout(self.termsPage)
        self.termsLayout.setObjectName(u"termsLayout")
        self.termsTitle = QLabel(self.termsPage)
        self.termsTitle.setObjectName(u"termsTitle")
        self.termsTitle.setWordWrap(True)

        self.termsLayout.addWidget(self.termsTitle)

        self.termsText = QLabel(self.termsPage)
        self.termsText.setObjectName(u"termsText")
        self.termsText.setWordWrap(True)
        self.termsText.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.termsLayout.addWidget(self.termsText)

        self.termsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.termsLayout.addItem(self.termsSpacer)

        self.pages.addWidget(self.termsPage)
        self.splitter.addWidget(self.pages)

        self.layout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.remarkLabel.setBuddy(self.remark)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(WorkspaceView)

        QMetaObject.connectSlotsByName(WorkspaceView)
    # setupUi

    def retranslateUi(self, WorkspaceView):
#if QT_CONFIG(tooltip)
        self.amendButton.setToolTip(QCoreApplication.translate("WorkspaceView", u"Start an amendment: a new inspection that references this signed one and starts from its answers, remarks and photos", None))
#endif // QT_CONFIG(tooltip)
        self.amendButton.setText(QCoreApplication.translate("WorkspaceView", u"&Amend", None))
        self.find.setPlaceholderText(QCoreApplication.translate("WorkspaceView", u"Find an item", None))
#if QT_CONFIG(tooltip)
        self.itemTerms.setToolTip(QCoreApplication.translate("WorkspaceView", u"What the unit's MOU (Annex C) says of this self-sustainment category, as frozen when the inspection started", None))
#endif // QT_CONFIG(tooltip)
        self.remarkLabel.setText(QCoreApplication.translate("WorkspaceView", u"Re&mark", None))
        self.remark.setPlaceholderText(QCoreApplication.translate("WorkspaceView", u"Remarks on this item (saved when you leave the field)", None))
        self.hint.setText(QCoreApplication.translate("WorkspaceView", u"Enter: save and go to the next item \u00b7 Ctrl+Up/Down: previous/next item \u00b7 Ctrl+Z: undo", None))
        pass
    # retranslateUi

