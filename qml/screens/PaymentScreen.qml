import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Stored-value payment (the member enters the PIN) or a purchase paid otherwise (earns points).
// Continue shows what will happen (amount, member, how it is paid) before anything is charged:
// the member then enters the PIN, or the cashier confirms a purchase paid at the till.
Item {
    id: screen
    signal go(string name)
    property string method: ""
    property string confirming: "" // the confirmation line; "" while the amount is being entered
    PaymentController {
        id: ctl; engineService: EngineService; session: SessionService; cards: CardService
        onPaid: screen.go("receipt")
        onFailed: { pad.clear(); screen.confirming = "" }
    }
    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap * 2
        ColumnLayout {
            Layout.fillWidth: true
            spacing: Theme.gap
            ScreenHeader { Layout.fillWidth: true; title: SessionService.hasMember ? qsTr("Payment for %1").arg(SessionService.memberName) : qsTr("Payment: no member selected"); onBack: screen.go("staff-menu") }
            TextField { id: amount; readOnly: screen.confirming !== ""; implicitHeight: Theme.field; Layout.preferredWidth: 300; font.pixelSize: Theme.title; placeholderText: qsTr("Amount"); inputMethodHints: Qt.ImhFormattedNumbersOnly }
            Flow {
                Layout.fillWidth: true
                spacing: 8
                // While confirming, only the chosen method stays (readable, not greyed out).
                BigButton { visible: screen.confirming === "" || primary; primary: screen.method === ""; text: qsTr("Stored value (PIN)"); onClicked: screen.method = "" }
                Repeater {
                    model: ctl.payMethods
                    BigButton { required property string modelData; visible: screen.confirming === "" || primary; primary: screen.method === modelData; text: EngineService.label(modelData, LanguageService.language); onClicked: screen.method = modelData }
                }
            }
            Text {
                objectName: "paymentConfirmation"
                visible: screen.confirming !== ""
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: screen.confirming
                font.pixelSize: Theme.title; font.family: Theme.font; font.bold: true; color: Theme.text
            }
            ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
            RowLayout {
                spacing: Theme.gap
                BigButton {
                    objectName: "paymentContinue"
                    visible: screen.confirming === ""
                    text: qsTr("Continue")
                    onClicked: screen.confirming = ctl.confirmation(amount.text, screen.method)
                }
                BigButton {
                    visible: screen.confirming !== "" && screen.method.length > 0
                    primary: true
                    text: qsTr("Confirm")
                    onClicked: ctl.recordPurchase(amount.text, "", screen.method)
                }
                BigButton { visible: screen.confirming !== ""; enabled: !ctl.busy; primary: false; text: qsTr("Change"); onClicked: { pad.clear(); screen.confirming = "" } }
            }
            Item { Layout.fillHeight: true }
        }
        PinPad { id: pad; visible: screen.method === "" && screen.confirming !== ""; enabled: !ctl.busy; onSubmitted: pin => ctl.pay(amount.text, pin) }
    }
}
