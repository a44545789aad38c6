import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// What staff can do; member actions work on the member whose card is on the reader or who was looked up.
Item {
    id: screen
    signal go(string name)
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader {
            Layout.fillWidth: true
            showBack: false
            title: qsTr("Staff: %1 (%2)").arg(SessionService.staffName).arg(SessionService.staffRole === "supervisor" ? qsTr("supervisor")
                   : SessionService.staffRole === "admin" ? qsTr("admin") : qsTr("cashier"))
        }
        Text {
            text: SessionService.hasMember ? qsTr("Member: %1").arg(SessionService.memberName) : qsTr("No member selected: tap a member card or look one up")
            font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted
        }
        GridLayout {
            columns: 3
            rowSpacing: Theme.gap
            columnSpacing: Theme.gap
            BigButton { text: qsTr("New member + card"); onClicked: screen.go("enrol") }
            BigButton { text: qsTr("Find member"); onClicked: screen.go("lookup") }
            BigButton { text: qsTr("Top up"); enabled: SessionService.hasMember; onClicked: screen.go("topup") }
            BigButton { text: qsTr("Payment / purchase"); enabled: SessionService.hasMember; onClicked: screen.go("payment") }
            BigButton { text: qsTr("Replace lost card"); enabled: SessionService.hasMember; onClicked: screen.go("replace-card") }
            BigButton { text: qsTr("Adjust points"); enabled: SessionService.hasMember; onClicked: screen.go("adjust") }
            BigButton { text: qsTr("Shift and settlement"); primary: false; onClicked: screen.go("shift") }
            BigButton { text: qsTr("Device status"); primary: false; onClicked: screen.go("device-status") }
            BigButton { text: qsTr("Log out"); primary: false; onClicked: SessionService.endStaff() }
        }
    }
}
