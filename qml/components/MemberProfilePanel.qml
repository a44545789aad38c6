import QtQuick
import QtQuick.Layouts
import TapLedger.Kiosk
import TapLedger.Ui

// Staff view of a looked-up member: HQ's profile and preferences and the last visits, on one
// panel (MemberProfileController does the reading and formatting; staff only).
Rectangle {
    id: panel
    required property MemberProfileController profile
    objectName: "memberProfilePanel"
    color: Theme.surface
    border.color: Theme.line
    radius: Theme.radius
    clip: true
    component Field: ColumnLayout {
        id: field
        property string label
        property string value
        Layout.fillWidth: true
        visible: value.length > 0
        spacing: 2
        Text { text: field.label; font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
        Text { Layout.fillWidth: true; text: field.value; wrapMode: Text.Wrap; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text }
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap / 2
        Text { Layout.fillWidth: true; text: panel.profile.name; font.pixelSize: Theme.title; font.family: Theme.font; color: Theme.text; elide: Text.ElideRight }
        Text { Layout.fillWidth: true; text: panel.profile.summary; wrapMode: Text.Wrap; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted; visible: text.length > 0 }
        Rectangle {
            objectName: "memberAllergies"
            Layout.fillWidth: true
            visible: panel.profile.allergies.length > 0
            implicitHeight: allergyText.implicitHeight + Theme.gap
            color: "#fdecea"
            border.color: Theme.bad
            border.width: 2
            radius: Theme.radius / 2
            Text { id: allergyText; anchors.fill: parent; anchors.margins: Theme.gap / 2; wrapMode: Text.Wrap; text: qsTr("Allergies: %1").arg(panel.profile.allergies); font.pixelSize: Theme.body; font.bold: true; font.family: Theme.font; color: Theme.bad }
        }
        GridLayout {
            Layout.fillWidth: true
            columns: 2
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap / 2
            Field { Layout.preferredWidth: 1; label: qsTr("Seat"); value: panel.profile.seat }
            Field { Layout.preferredWidth: 1; label: qsTr("Taste"); value: panel.profile.taste }
            Field { Layout.preferredWidth: 1; label: qsTr("Usual items"); value: panel.profile.usualItems }
            Field { Layout.preferredWidth: 1; label: qsTr("Favourite categories"); value: panel.profile.favouriteCategories }
        }
        Field { label: qsTr("Notes"); value: panel.profile.notes }
        Text {
            visible: !panel.profile.hasProfile
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("No profile from headquarters yet.")
            font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.muted
        }
        Text { text: qsTr("Last visits"); visible: panel.profile.lastVisits.length > 0; font.pixelSize: Theme.small; font.family: Theme.font; color: Theme.muted }
        Repeater {
            model: panel.profile.lastVisits
            RowLayout {
                required property var modelData
                Layout.fillWidth: true
                Text { Layout.fillWidth: true; text: modelData.date + "  " + modelData.kiosk; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text; elide: Text.ElideRight }
                Text { text: modelData.amount; font.pixelSize: Theme.body; font.family: Theme.font; color: Theme.text }
            }
        }
        Item { Layout.fillHeight: true }
    }
}
