import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Online/offline, last sync, pending uploads, reader state and the language switch.
Rectangle {
    id: bar
    implicitHeight: 56
    color: Theme.primary
    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: Theme.gap * 2
        Text {
            text: kioskConfig.venueName
            color: Theme.primaryText
            font.pixelSize: Theme.body
            font.family: Theme.font
            font.bold: true
        }
        Item { Layout.fillWidth: true }
        Text {
            color: Theme.primaryText
            font.pixelSize: Theme.small
            font.family: Theme.font
            text: !StatusService.hqConfigured ? qsTr("Standalone")
                  : StatusService.online ? qsTr("Online") : qsTr("Offline")
        }
        Text {
            color: Theme.primaryText
            font.pixelSize: Theme.small
            font.family: Theme.font
            text: StatusService.lastSyncMs > 0 ? qsTr("Last sync %1").arg(EngineService.localDateTime(StatusService.lastSyncMs))
                                               : qsTr("Never synced")
        }
        Text {
            color: Theme.primaryText
            font.pixelSize: Theme.small
            font.family: Theme.font
            text: qsTr("%n entries to upload", "", StatusService.pendingUploads)
        }
        Text {
            color: StatusService.readerReady ? Theme.primaryText : "#ffcdd2"
            font.pixelSize: Theme.small
            font.family: Theme.font
            text: StatusService.readerReady ? qsTr("Reader ready") : qsTr("Reader not connected")
        }
        BigButton {
            objectName: "languageSwitch"
            primary: false
            implicitHeight: 44
            implicitWidth: 140
            text: LanguageService.language === "en" ? "简体中文" : "English"
            onClicked: LanguageService.setLanguage(LanguageService.otherLanguage())
        }
    }
}
