<#
.SYNOPSIS
  Build Engager Desktop for Windows: the onedir program, its self-test, the MSI installers and
  the portable zip, each signed when a certificate is given.

.DESCRIPTION
  Run from the repository root in PowerShell 5.1 or later on a 64-bit Windows build machine:

    powershell -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1 `
        [-Wheelhouse D:\wheels-win] [-CertThumbprint 0123...ABCD] [-TimestampUrl URL] [-SkipMsi]

  Needs: Python 3.12 x64 (the `py` launcher), WiX Toolset 3.14 (heat, candle, light on PATH or
  in %WIX%bin), and for signing the Windows SDK's signtool.exe and a code-signing certificate
  in the certificate store (by thumbprint; a hardware token works the same way).
  With -Wheelhouse, everything installs from that folder with no network
  (see packaging/wheelhouse.py); without it, from the package index.

  Steps: .venv -> install -> PyInstaller -> sign the programs -> engager-desktop-cli.exe
  --selftest -> MSI per machine and per user -> sign the MSIs -> portable zip -> SHA256SUMS.
  Any failure stops the script with a non-zero exit status.
#>
[CmdletBinding()]
param(
    [string]$Wheelhouse = "",
    [string]$CertThumbprint = "",
    [string]$TimestampUrl = "http://timestamp.digicert.com",
    [switch]$SkipMsi
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..\..")).Path
Set-Location $Root
$Dist = Join-Path $Root "dist"
$Work = Join-Path $Root "build\pyinstaller"
$App = Join-Path $Dist "engager-desktop"
$Python = Join-Path $Root ".venv\Scripts\python.exe"

function Say([string]$Text) { Write-Host "build-windows: $Text" }
function Run([string]$Exe, [string[]]$Arguments) {
    & $Exe @Arguments
    if ($LASTEXITCODE -ne 0) { throw "failed ($LASTEXITCODE): $Exe $($Arguments -join ' ')" }
}
function Find-Tool([string]$Name) {
    $found = Get-Command $Name -ErrorAction SilentlyContinue
    if ($found) { return $found.Source }
    foreach ($dir in @("$env:WIX\bin", "${env:ProgramFiles(x86)}\WiX Toolset v3.14\bin",
                       "${env:ProgramFiles(x86)}\Windows Kits\10\bin\x64")) {
        $candidate = Join-Path $dir $Name
        if ($dir -and (Test-Path $candidate)) { return $candidate }
    }
    $sdk = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\$Name" `
        -ErrorAction SilentlyContinue | Sort-Object FullName -Descending | Select-Object -First 1
    if ($sdk) { return $sdk.FullName }
    throw "$Name not found: install it or put it on PATH"
}
function Sign([string[]]$Files) {
    if (-not $CertThumbprint) { Say "not signing (no -CertThumbprint): $($Files -join ', ')"; return }
    $signtool = Find-Tool "signtool.exe"
    Run $signtool (@("sign", "/sha1", $CertThumbprint, "/fd", "SHA256", "/tr", $TimestampUrl,
                     "/td", "SHA256", "/d", "Engager Desktop") + $Files)
    Run $signtool (@("verify", "/pa", "/all") + $Files)
}

# 1. Build environment.
if (-not (Test-Path $Python)) {
    Say "making .venv"
    Run "py" @("-3.12", "-m", "venv", ".venv")
}
if ($Wheelhouse) {
    Run $Python @("packaging\wheelhouse.py", "install", "--from", $Wheelhouse)
} else {
    Run $Python @("-m", "pip", "install", "--upgrade", "pip")
    Run $Python @("-m", "pip", "install", "-e", ".[dev]")
}
$Version = (& $Python -c "import engager_desktop; print(engager_desktop.__version__)").Trim()
Say "Engager Desktop $Version"

# 2. The onedir build (windowed engager-desktop.exe and console engager-desktop-cli.exe).
Run $Python @("-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", $Dist,
              "--workpath", $Work, "packaging\engager-desktop.spec")
Sign @((Join-Path $App "engager-desktop.exe"), (Join-Path $App "engager-desktop-cli.exe"))

# 3. The self-test of what was built (the console program prints its lines here).
$watch = [Diagnostics.Stopwatch]::StartNew()
Run (Join-Path $App "engager-desktop-cli.exe") @("--selftest")
Say ("selftest passed in {0:N1} s" -f $watch.Elapsed.TotalSeconds)
$bytes = (Get-ChildItem $App -Recurse -File | Measure-Object -Sum Length).Sum
Say ("package: {0:N0} MB, {1} files" -f ($bytes / 1MB), (Get-ChildItem $App -Recurse -File).Count)

# 4. MSI installers: per machine (IT deploys) and per user (only where AppLocker allows it).
$Made = @()
if (-not $SkipMsi) {
    $heat = Find-Tool "heat.exe"; $candle = Find-Tool "candle.exe"; $light = Find-Tool "light.exe"
    $Obj = Join-Path $Root "build\msi"
    New-Item -ItemType Directory -Force $Obj | Out-Null
    $Files = Join-Path $Obj "files.wxs"
    Run $heat @("dir", $App, "-cg", "AppFiles", "-dr", "INSTALLDIR", "-ag", "-srd", "-sreg",
                "-sfrag", "-var", "var.SourceDir", "-out", $Files)
    $Icon = Join-Path $Root "packaging\icon\engager-desktop.ico"
    foreach ($Scope in @("perMachine", "perUser")) {
        $Suffix = if ($Scope -eq "perUser") { "-per-user" } else { "" }
        $Msi = Join-Path $Dist "engager-desktop-$Version-x64$Suffix.msi"
        $Defines = @("-dSourceDir=$App", "-dVersion=$Version", "-dScope=$Scope", "-dIconFile=$Icon")
        Run $candle (@("-nologo", "-arch", "x64", "-out", "$Obj\$Scope\") + $Defines +
                     @("packaging\windows\engager-desktop.wxs", $Files))
        Run $light @("-nologo", "-spdb", "-out", $Msi, "$Obj\$Scope\engager-desktop.wixobj",
                     "$Obj\$Scope\files.wixobj")
        $Made += $Msi
    }
    Sign $Made
}

# 5. Portable zip (unzip anywhere AppLocker allows programs to run; data stays per user).
$Zip = Join-Path $Dist "engager-desktop-$Version-x64-portable.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path $App -DestinationPath $Zip
$Made += $Zip

# 6. Checksums for whoever copies these onto a stick.
$Sums = Join-Path $Dist "SHA256SUMS.txt"
$Made | ForEach-Object {
    "{0}  {1}" -f (Get-FileHash $_ -Algorithm SHA256).Hash.ToLower(), (Split-Path $_ -Leaf)
} | Set-Content -Encoding ascii $Sums
Say "done: $($Made -join ', ')"
