; The Windows installer: a per-user install that needs no administrator rights, a Start-menu
; entry つなぐ, and an uninstaller that keeps the user's catalogue, notes and referral log unless
; asked. Built by scripts/windows.sh with Debian's makensis; nothing is downloaded.
; A 64-bit installer for a 64-bit program (also what Wine without 32-bit support can run).
Target amd64-unicode
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef STAGE
  !error "STAGE (the folder of files to install) is set by scripts/windows.sh"
!endif
!ifndef OUTFILE
  !define OUTFILE "tsunagu-setup.exe"
!endif

Name "つなぐ"
OutFile "${OUTFILE}"
; Per user: %LOCALAPPDATA%\Programs, like other user-installed programs; no UAC prompt.
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\tsunagu"
InstallDirRegKey HKCU "Software\tsunagu" "InstallDir"
SetCompressor /SOLID lzma
BrandingText "つなぐ ${VERSION}"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\tsunagu"
; The Evergreen WebView2 Runtime's client key (machine-wide or per-user install).
!define WEBVIEW2_KEY "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_KEY_USER "Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

!define MUI_ICON "${STAGE}\tsunagu.ico"
!define MUI_UNICON "${STAGE}\tsunagu.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\tsunagu-desktop.exe"
!define MUI_FINISHPAGE_RUN_TEXT "つなぐを起動する"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Japanese"

Function .onInit
  ; Windows 10 and 11 carry the WebView2 runtime; a PC that lacks it is told what to ask for,
  ; and nothing is downloaded.
  ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "${WEBVIEW2_KEY_USER}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ; A silent install (/S, as IT deploys) goes on: the app itself says the same at start.
    MessageBox MB_OKCANCEL|MB_ICONEXCLAMATION "このパソコンには Microsoft Edge WebView2 ランタイムが見つかりません。つなぐの画面の表示に必要です。$\n$\n情報システムの担当者に「WebView2 Evergreen ランタイム」の導入を依頼してください（Windows 10・11 には通常入っています）。$\n$\nこのままインストールを続けますか？（コマンド版 tsunagu.exe はランタイムなしで使えます）" /SD IDOK IDOK +2
    Abort
  ${EndIf}
FunctionEnd

Section "つなぐ" Main
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"
  WriteRegStr HKCU "Software\tsunagu" "InstallDir" "$INSTDIR"
  CreateShortCut "$SMPROGRAMS\つなぐ.lnk" "$INSTDIR\tsunagu-desktop.exe" "" "$INSTDIR\tsunagu.ico"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "つなぐ（薬物依存の相談先）"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "tsunagu project"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\tsunagu.ico"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\つなぐ.lnk"
  RMDir /r "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\tsunagu"
  ; The catalogue, notes and referral log are the user's: kept unless they say otherwise (a
  ; silent uninstall, as IT runs it, keeps them).
  IfSilent keep
  MessageBox MB_YESNO|MB_DEFBUTTON2|MB_ICONQUESTION "カタログ・メモ・紹介の記録も削除しますか？$\n$\n「いいえ」を選ぶと残ります（もう一度インストールするとそのまま使えます）。$\n保存場所: $LOCALAPPDATA\tsunagu" /SD IDNO IDYES remove
  Goto keep
  remove:
    RMDir /r "$LOCALAPPDATA\tsunagu"
  keep:
SectionEnd
