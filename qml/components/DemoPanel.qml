import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Demo only: tap one of the emulated cards on the emulated reader, or take it away (Ctrl+1…7, Ctrl+0).
Rectangle {
    visible: DemoService.enabled
    implicitHeight: visible ? 68 : 0
    color: "#2b2b2b"
    RowLayout {
        anchors.fill: parent
        anchors.margins: 8
        spacing: 8
        Text { text: qsTr("Demo reader:"); color: "white"; font.pixelSize: Theme.small; font.family: Theme.font }
        Repeater {
            model: DemoService.cards
            // Up to 7 cards share the row: each shrinks (two lines, then elided) rather than
            // pushing the row past the window.
            // Cards with a PIN line get the room; one-line cards stay narrow.
            BigButton {
                required property int index
                required property string modelData
                readonly property bool twoLines: modelData.indexOf(" (") >= 0
                implicitHeight: 52
                Layout.fillWidth: true
                Layout.preferredWidth: twoLines ? 180 : 110
                Layout.maximumWidth: twoLines ? 200 : 120
                Layout.minimumWidth: 60
                font.pixelSize: 13
                leftPadding: 4
                rightPadding: 4
                primary: DemoService.presented === index
                // Name, then role and PIN, on their own lines, so no word is broken.
                text: LanguageService.keepWords(qsTranslate("DemoRig", modelData).replace(" (", "\n(").replace("（", "\n（"))
                onClicked: DemoService.tap(index)
            }
        }
        BigButton {
            implicitHeight: 48
            Layout.fillWidth: true
            Layout.preferredWidth: 110
            Layout.maximumWidth: 120
            Layout.minimumWidth: 60
            font.pixelSize: 13
            primary: false
            text: qsTr("Remove card")
            onClicked: DemoService.remove()
        }
        Item { Layout.fillWidth: true }
    }
}
