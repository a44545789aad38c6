import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Reader, ledger height and head, sync state, deny-list.
Item {
    id: screen
    signal go(string name)
    DeviceStatusController { id: ctl; engineService: EngineService; session: SessionService }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("Device status"); onBack: screen.go("staff-menu") }
        GridLayout {
            columns: 2
            columnSpacing: Theme.gap * 2
            rowSpacing: 8
            Text { text: qsTr("Kiosk"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
            Text { text: EngineService.kioskId + " · " + EngineService.policyRef; font.pixelSize: Theme.body; font.family: Theme.font }
            Text { text: qsTr("Reader"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
            Text { text: (StatusService.readerReady ? qsTr("ready") : qsTr("not connected")) + " · " + StatusService.readerDetail; font.pixelSize: Theme.body; font.family: Theme.font }
            Text { text: qsTr("Ledger"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
            Text { text: qsTr("%1 entries, head %2…").arg(EngineService.ledgerHeight).arg(EngineService.headHash.substring(0, 16)); font.pixelSize: Theme.body; font.family: Theme.font }
            Text { text: qsTr("Sync"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
            // Upload counters only where there is somewhere to upload to.
            Text {
                objectName: "syncState"
                text: !StatusService.hqConfigured ? qsTr("standalone (no HQ configured)")
                      : (StatusService.online ? qsTr("online") : qsTr("offline")) + " · " + qsTr("last sync %1").arg(ctl.lastSync)
                        + " · " + qsTr("%n entries to upload", "", ctl.pendingUploads)
                font.pixelSize: Theme.body; font.family: Theme.font
            }
            Text { text: qsTr("Deny-list"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
            Text { text: qsTr("%n card(s) blocked", "", ctl.denyListSize); font.pixelSize: Theme.body; font.family: Theme.font }
            Text { text: qsTr("Verification"); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted }
            Text { text: ctl.verifyResult.length > 0 ? ctl.verifyResult : qsTr("Not checked yet: tap Verify ledger"); color: ctl.verifyResult.length > 0 ? Theme.text : Theme.muted; font.pixelSize: Theme.body; font.family: Theme.font }
        }
        BigButton { text: qsTr("Verify ledger"); onClicked: ctl.verifyLedger() }
        Item { Layout.fillHeight: true }
    }
}
