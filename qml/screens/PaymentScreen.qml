import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Stored-value payment (the member enters the PIN) or a purchase paid otherwise (earns points).
Item {
    id: screen
    signal go(string name)
    property string method: ""
    PaymentController { id: ctl; engineService: EngineService; session: SessionService; cards: CardService; onPaid: screen.go("receipt"); onFailed: pad.clear() }
    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            ScreenHeader { Layout.fillWidth: true; title: SessionService.hasMember ? qsTr("Payment for %1").arg(SessionService.memberName) : qsTr("Payment: no member selected"); onBack: screen.go("staff-menu") }
            TextField { id: amount; implicitHeight: Theme.field; Layout.preferredWidth: 300; font.pixelSize: Theme.title; placeholderText: qsTr("Amount"); inputMethodHints: Qt.ImhFormattedNumbersOnly }
            Flow {
                Layout.fillWidth: true
                spacing: 8
                BigButton { primary: screen.method === ""; text: qsTr("Stored value (PIN)"); onClicked: screen.method = "" }
                Repeater {
                    model: ctl.payMethods
                    BigButton { required property string modelData; primary: screen.method === modelData; text: EngineService.text(modelData, LanguageService.language); onClicked: screen.method = modelData }
                }
            }
            ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
            BigButton { visible: screen.method.length > 0; text: qsTr("Record purchase"); onClicked: ctl.recordPurchase(amount.text, "", screen.method) }
            Item { Layout.fillHeight: true }
        }
        PinPad { id: pad; visible: screen.method === ""; enabled: !ctl.busy; onSubmitted: pin => ctl.pay(amount.text, pin) }
    }
}
