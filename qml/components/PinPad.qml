import QtQuick
import QtQuick.Layouts
import TapLedger.Ui

// A PIN pad: digits are kept here only until submitted, shown as dots.
ColumnLayout {
    id: pad
    property string pin: ""
    property int maxLength: 12
    signal submitted(string pin)
    spacing: Theme.gap
    function clear() { pin = "" }
    Text {
        Layout.alignment: Qt.AlignHCenter
        text: pad.pin.length > 0 ? "●".repeat(pad.pin.length) : qsTr("Enter PIN")
        font.pixelSize: Theme.title
        font.family: Theme.font
        color: Theme.text
    }
    GridLayout {
        Layout.alignment: Qt.AlignHCenter
        columns: 3
        rowSpacing: 10
        columnSpacing: 10
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]
            BigButton {
                required property string modelData
                objectName: "pin_" + modelData
                implicitWidth: 110
                primary: modelData === "OK"
                text: modelData === "OK" ? qsTr("OK") : modelData
                enabled: modelData !== "OK" || pad.pin.length >= 4
                onClicked: {
                    if (modelData === "⌫")
                        pad.pin = pad.pin.slice(0, -1)
                    else if (modelData === "OK")
                        pad.submitted(pad.pin)
                    else if (pad.pin.length < pad.maxLength)
                        pad.pin += modelData
                }
            }
        }
    }
}
