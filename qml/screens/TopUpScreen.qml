import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Top-up with the bonus tiers shown ("deposit 10000, get 2000").
Item {
    id: screen
    signal go(string name)
    property string method: ""
    // Kept above the touch keyboard with the amount field (Main.qml).
    property Item confirmItem: confirm
    TopUpController { id: ctl; engineService: EngineService; session: SessionService; cards: CardService; onToppedUp: screen.go("receipt") }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: SessionService.hasMember ? qsTr("Top up for %1").arg(SessionService.memberName) : qsTr("Top up: no member selected"); onBack: screen.go("staff-menu") }
        Repeater {
            model: ctl.tiers
            Text {
                required property var modelData
                text: qsTr("Deposit %1, get %2 bonus").arg(modelData.min).arg(modelData.bonus)
                font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text
            }
        }
        RowLayout {
            spacing: Theme.gap
            TextField { id: amount; implicitHeight: Theme.field; Layout.preferredWidth: 300; font.pixelSize: Theme.title; placeholderText: qsTr("Amount"); inputMethodHints: Qt.ImhFormattedNumbersOnly }
            Text { text: amount.text.length > 0 ? qsTr("Bonus: %1").arg(ctl.bonusFor(amount.text)) : ""; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.good }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 8
            Repeater {
                model: ctl.payMethods
                BigButton { required property string modelData; primary: screen.method === modelData; text: EngineService.label(modelData, LanguageService.language); onClicked: screen.method = modelData }
            }
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        BigButton { id: confirm; text: qsTr("Top up"); enabled: screen.method.length > 0 && !ctl.busy; onClicked: ctl.topUp(amount.text, screen.method) }
    }
}
