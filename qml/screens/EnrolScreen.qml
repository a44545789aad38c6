import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Enrol a member (duplicate check by phone and name) and issue the blank card on the reader.
// Enrol first shows what will be recorded; Confirm writes it, Change goes back to the fields.
Item {
    id: screen
    signal go(string name)
    property string confirming: "" // the confirmation line; "" while the fields are being filled in
    EnrolController { id: ctl; engineService: EngineService; session: SessionService; cards: CardService }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap * 2
        spacing: Theme.gap
        ScreenHeader { Layout.fillWidth: true; title: qsTr("New member"); onBack: screen.go("staff-menu") }
        GridLayout {
            columns: 2
            columnSpacing: Theme.gap
            rowSpacing: 8
            Text { text: qsTr("Name"); font.pixelSize: Theme.body; font.family: Theme.font }
            TextField { id: name; readOnly: screen.confirming !== ""; implicitHeight: Theme.field; Layout.preferredWidth: 480; font.pixelSize: Theme.body; onEditingFinished: ctl.checkDuplicates(name.text, phone.text) }
            Text { text: qsTr("Phone"); font.pixelSize: Theme.body; font.family: Theme.font }
            TextField { id: phone; readOnly: screen.confirming !== ""; implicitHeight: Theme.field; Layout.preferredWidth: 480; font.pixelSize: Theme.body; inputMethodHints: Qt.ImhDialableCharactersOnly; onEditingFinished: ctl.checkDuplicates(name.text, phone.text) }
            Text { text: qsTr("Birthday (YYYY-MM-DD)"); font.pixelSize: Theme.body; font.family: Theme.font }
            TextField { id: birthday; readOnly: screen.confirming !== ""; implicitHeight: Theme.field; Layout.preferredWidth: 480; font.pixelSize: Theme.body; inputMethodHints: Qt.ImhDate }
            Text { text: qsTr("PIN (member enters)"); font.pixelSize: Theme.body; font.family: Theme.font }
            TextField { id: pin; readOnly: screen.confirming !== ""; implicitHeight: Theme.field; Layout.preferredWidth: 480; font.pixelSize: Theme.body; echoMode: TextInput.Password; inputMethodHints: Qt.ImhDigitsOnly }
        }
        CheckBox { id: consent; implicitHeight: Theme.field; indicator.width: 40; indicator.height: 40; text: qsTr("Member agrees to receive offers"); font.pixelSize: Theme.body }
        Text {
            visible: ctl.hasDuplicates
            text: qsTr("Possible duplicate: is this one of these members?")
            font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.bad
        }
        ListView {
            Layout.fillWidth: true
            Layout.preferredHeight: ctl.hasDuplicates ? 140 : 0
            model: ctl.duplicates
            delegate: RowLayout {
                required property int index
                required property string name
                required property string phone
                Text { text: name + "  " + phone; font.pixelSize: Theme.body; font.family: Theme.font }
                BigButton { implicitHeight: Theme.field; text: qsTr("Use this member"); onClicked: ctl.useDuplicate(index) }
            }
        }
        Text {
            objectName: "enrolConfirmation"
            visible: screen.confirming !== ""
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: screen.confirming
            font.pixelSize: Theme.body; font.family: Theme.font; font.bold: true; color: Theme.text
        }
        ErrorBanner { Layout.fillWidth: true; title: ctl.errorTitle; detail: ctl.errorDetail }
        RowLayout {
            spacing: Theme.gap
            BigButton {
                objectName: "enrolStart"
                visible: screen.confirming === ""
                text: qsTr("Enrol")
                // An empty name goes straight to enrol(), which says what is missing.
                onClicked: {
                    if (name.text.trim().length === 0)
                        ctl.enrol(name.text, phone.text, birthday.text, pin.text, consent.checked)
                    else
                        screen.confirming = ctl.confirmation(name.text, phone.text, birthday.text)
                }
            }
            BigButton {
                visible: screen.confirming !== ""
                text: qsTr("Confirm")
                onClicked: { ctl.enrol(name.text, phone.text, birthday.text, pin.text, consent.checked); screen.confirming = "" }
            }
            BigButton { visible: screen.confirming !== ""; primary: false; text: qsTr("Change"); onClicked: screen.confirming = "" }
            BigButton { text: qsTr("Issue card on reader"); primary: false; enabled: ctl.memberId.length > 0 && !ctl.cardIssued; onClicked: ctl.issueCard() }
            Text { visible: ctl.cardIssued; text: qsTr("Card issued to %1").arg(ctl.memberName); font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.good }
        }
    }
}
