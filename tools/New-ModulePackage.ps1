#Requires -Version 7.4
<#
.SYNOPSIS
    Packs a built ChatHistory module folder into a .nupkg that Install-PSResource and Install-Module
    accept from a folder repository.
.DESCRIPTION
    Copies the module (without .pdb files unless -IncludeSymbols) to a staging folder named
    ChatHistory, then publishes it with Publish-PSResource (Microsoft.PowerShell.PSResourceGet,
    shipped with pwsh 7.4+) to a folder repository at -OutputDirectory. That repository is
    registered under a unique name only for the publish and unregistered afterwards. Writes the
    path of the .nupkg.
.EXAMPLE
    ./tools/New-ModulePackage.ps1 -ModuleDirectory out/ChatHistory/0.1.0 -OutputDirectory out/package
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleDirectory,
    [Parameter(Mandatory)] [string] $OutputDirectory,
    [switch] $IncludeSymbols
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module Microsoft.PowerShell.PSResourceGet

$manifest = Import-PowerShellDataFile (Join-Path $ModuleDirectory 'ChatHistory.psd1')
$staging = Join-Path ([IO.Path]::GetTempPath()) "chathistory-package-$([guid]::NewGuid().ToString('n'))"
$stagedModule = Join-Path $staging 'ChatHistory'
$repository = "ChatHistoryPackage-$([guid]::NewGuid().ToString('n'))"
try {
    New-Item -ItemType Directory -Force -Path $stagedModule, $OutputDirectory | Out-Null
    Copy-Item -Path (Join-Path $ModuleDirectory '*') -Destination $stagedModule -Recurse
    if (-not $IncludeSymbols) {
        Get-ChildItem $stagedModule -Recurse -Filter '*.pdb' | Remove-Item
    }

    $package = Join-Path $OutputDirectory "ChatHistory.$($manifest.ModuleVersion).nupkg"
    Remove-Item $package -ErrorAction SilentlyContinue
    Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $OutputDirectory).Path -Trusted
    Publish-PSResource -Path $stagedModule -Repository $repository
    if (-not (Test-Path $package)) { throw "Publish-PSResource did not write $package" }
    Get-Item $package
}
finally {
    if (Get-PSResourceRepository -Name $repository -ErrorAction SilentlyContinue) { Unregister-PSResourceRepository -Name $repository }
    Remove-Item $staging -Recurse -Force -ErrorAction SilentlyContinue
}
