import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Open and close the shift; the settlement per pay method.
Item {
    id: screen
    signal go(string name)
    ShiftController { id: ctl; engineService: EngineService; session: SessionService }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("Shift of %1").arg(SessionService.staffName); onBack: screen.go("staff-menu") }
        Text { text: ctl.isOpen ? qsTr("Open since %1").arg(ctl.openedAt) : qsTr("No open shift"); font.pixelSize: Theme.body; font.family: Theme.font }
        GridLayout {
            columns: 5
            columnSpacing: Theme.gap * 2
            Text { text: qsTr("Pay method"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
            Text { text: qsTr("Top-ups"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
            Text { text: qsTr("Purchases"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
            Text { text: qsTr("Refunds"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
            Text { text: qsTr("Count"); font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
            Repeater {
                model: ctl.rows
                delegate: Text { required property var modelData; text: EngineService.label(modelData.payMethod, LanguageService.language); font.pixelSize: Theme.body; font.family: Theme.font; Layout.row: 1 + index; Layout.column: 0; required property int index }
            }
            Repeater {
                model: ctl.rows
                delegate: Text { required property var modelData; text: modelData.topUps; font.pixelSize: Theme.body; font.family: Theme.font; Layout.row: 1 + index; Layout.column: 1; required property int index }
            }
            Repeater {
                model: ctl.rows
                delegate: Text { required property var modelData; text: modelData.purchases; font.pixelSize: Theme.body; font.family: Theme.font; Layout.row: 1 + index; Layout.column: 2; required property int index }
            }
            Repeater {
                model: ctl.rows
                delegate: Text { required property var modelData; text: modelData.refunds; font.pixelSize: Theme.body; font.family: Theme.font; Layout.row: 1 + index; Layout.column: 3; required property int index }
            }
            Repeater {
                model: ctl.rows
                delegate: Text { required property var modelData; text: modelData.count; font.pixelSize: Theme.body; font.family: Theme.font; Layout.row: 1 + index; Layout.column: 4; required property int index }
            }
        }
        Text {
            objectName: "shiftHint"
            visible: ctl.rows.length === 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: ctl.isOpen ? qsTr("No payments in this shift yet: top-ups and purchases appear here by pay method.")
                             : qsTr("Open a shift to count the top-ups and purchases you take; close it to print the settlement.")
            font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        RowLayout {
            spacing: Theme.gap
            BigButton { text: qsTr("Open shift"); enabled: !ctl.isOpen; onClicked: ctl.open() }
            BigButton { text: qsTr("Close shift"); enabled: ctl.isOpen; onClicked: ctl.close() }
        }
        Item { Layout.fillHeight: true }
    }
}
