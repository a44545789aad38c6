import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Adjust points with a mandatory reason; above the threshold a supervisor must be logged in.
Item {
    id: screen
    signal go(string name)
    // Kept above the touch keyboard with the reason field (Main.qml).
    property Item confirmItem: confirm
    AdjustController { id: ctl; engineService: EngineService; session: SessionService; cards: CardService; onAdjusted: screen.go("receipt") }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: SessionService.hasMember ? qsTr("Adjust points of %1 (%2 pts)").arg(SessionService.memberName).arg(ctl.points) : qsTr("Adjust points: no member selected"); onBack: screen.go("staff-menu") }
        Text { text: qsTr("More than %1 points needs a supervisor.").arg(ctl.supervisorThreshold); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
        SpinBox { id: delta; from: -100000; to: 100000; value: 0; editable: true; font.pixelSize: Theme.title; implicitHeight: Theme.touch; implicitWidth: 320 }
        TextField { id: reason; implicitHeight: Theme.field; Layout.preferredWidth: 700; font.pixelSize: Theme.body; placeholderText: qsTr("Reason (required)") }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        BigButton { id: confirm; text: qsTr("Adjust"); enabled: ctl.canAdjust(delta.value, reason.text) && !ctl.busy; onClicked: ctl.adjust(delta.value, reason.text) }
        Item { Layout.fillHeight: true }
    }
}
