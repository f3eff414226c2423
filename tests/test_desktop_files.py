"""Desktop integration: the .desktop file, the AppStream metadata, the icons and the bundle's spec agree with
the id and version the program uses, and each is in the form its reader expects."""

from __future__ import annotations

import ast
import configparser
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QIcon, QImage

from r2p_desktop import APP_NAME, __main__, __version__

ROOT = Path(__file__).resolve().parent.parent
APP_ID = __main__.APP_ID
LINUX = ROOT / "resources" / "linux"
ICONS = ROOT / "resources" / "icons"
SPEC = ROOT / "build_installer.spec"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in .desktop files
    parser.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_starts_the_program_with_its_icon():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["GenericName"] and entry["Comment"]
    assert entry["Exec"] == "r2p-desktop"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;"
    # Qt names a window's X11 class after the application name (Wayland uses the desktop file name).
    assert entry["StartupWMClass"] == APP_NAME


def test_the_desktop_file_name_is_the_one_the_program_gives_qt(qapp):
    app = __main__._application([])
    assert app.desktopFileName() == APP_ID
    assert (LINUX / f"{app.desktopFileName()}.desktop").is_file()
    assert not app.windowIcon().isNull()


def metainfo() -> ET.Element:
    return ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()


def test_the_appstream_metadata_names_the_program_and_this_version():
    root = metainfo()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("summary")
    assert root.find("description/p") is not None
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"  # pyproject.toml's licence
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == f"{APP_ID}.desktop"
    assert "r2p-desktop" in [binary.text for binary in root.findall("provides/binary")]
    assert root.find("content_rating") is not None
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version") == __version__


def test_appstreamcli_finds_nothing_wrong_with_the_metadata():
    if shutil.which("appstreamcli") is None:  # Debian's appstream package; CI's image has it
        pytest.skip("appstreamcli is not installed")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", "--strict", str(LINUX / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("size", __main__.ICON_SIZES)
def test_each_icon_size_is_drawn(size):
    image = QImage(str(ICONS / f"{APP_ID}-{size}.png"))
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()  # the shield's corners are transparent, not white squares


def test_the_application_icon_has_every_size(qapp):
    icon = __main__.application_icon()
    assert not icon.isNull()
    for size in __main__.ICON_SIZES:
        assert icon.pixmap(size, size).width() == size
    assert not QIcon(str(ICONS / f"{APP_ID}.svg")).isNull()


def test_the_windows_and_macos_icon_files_hold_their_sizes():
    ico = (ICONS / f"{APP_ID}.ico").read_bytes()
    assert ico[:4] == b"\x00\x00\x01\x00"  # an icon directory
    assert int.from_bytes(ico[4:6], "little") == 6  # 16, 32, 48, 64, 128 and 256 pixels
    icns = (ICONS / f"{APP_ID}.icns").read_bytes()
    assert icns[:4] == b"icns" and int.from_bytes(icns[4:8], "big") == len(icns)


def spec_text() -> str:
    return SPEC.read_text(encoding="utf-8")


def test_the_spec_bundles_the_data_the_program_reads():
    text = spec_text()
    for folder in ("resources/catalogue", "resources/fonts", "resources/icons", "resources/translations", '"db"'):
        assert folder in text
    assert "(ROOT / \"resources\").iterdir()" in text  # and every other folder under resources/


def test_the_spec_gives_windows_and_macos_the_icon_and_version():
    text = spec_text()
    assert 'ICONS / f"{APP_ID}.ico"' in text and '"version": windows_version_file()' in text
    assert "BUNDLE(" in text and "bundle_identifier=APP_ID" in text
    assert '"CFBundleShortVersionString": __version__' in text


def test_the_windows_version_resource_carries_this_version(tmp_path):
    """The spec's version resource text, written here as on Windows, is the expression PyInstaller reads."""
    tree = ast.parse(spec_text())
    function = next(node for node in tree.body
                    if isinstance(node, ast.FunctionDef) and node.name == "windows_version_file")
    namespace = {"Path": Path, "__version__": __version__, "APP_NAME": APP_NAME, "workpath": str(tmp_path)}
    exec(compile(ast.Module([function], []), str(SPEC), "exec"), namespace)
    text = Path(namespace["windows_version_file"]()).read_text(encoding="utf-8")
    expression = ast.parse(text, mode="eval").body
    assert isinstance(expression, ast.Call) and expression.func.id == "VSVersionInfo"
    strings = {call.args[0].value: call.args[1].value for call in ast.walk(expression)
               if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "StringStruct"}
    assert strings["ProductVersion"] == strings["FileVersion"] == __version__
    assert strings["ProductName"] == APP_NAME
    fixed = next(call for call in ast.walk(expression)
                 if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "FixedFileInfo")
    numbers = tuple(int(part) for part in __version__.split("."))
    assert ast.literal_eval(next(k.value for k in fixed.keywords if k.arg == "filevers")) == (*numbers, 0, 0, 0)[:4]
