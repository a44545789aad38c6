import QtQuick
import QtQuick.Layouts
import TapLedger.Ui

// Shows a controller's error: translated title and the engine's detail line.
Rectangle {
    id: banner
    property string title
    property string detail
    visible: title.length > 0
    implicitHeight: visible ? column.implicitHeight + 24 : 0
    radius: Theme.radius
    color: "#fdecea"
    border.color: Theme.bad
    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: 12
        Text {
            text: banner.title
            color: Theme.bad
            font.pixelSize: Theme.body
            font.family: Theme.font
            font.bold: true
        }
        Text {
            Layout.fillWidth: true
            text: banner.detail
            visible: text.length > 0
            color: Theme.text
            font.pixelSize: Theme.small
            font.family: Theme.font
            wrapMode: Text.Wrap
        }
    }
}
