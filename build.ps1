#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages or demonstrates the ChatHistory module.
.DESCRIPTION
    A thin wrapper over dotnet: `dotnet build` alone lays out the importable module in
    out/ChatHistory/<version>/. Test also runs the Pester tests (needs Pester 5). Demo starts the
    simulator and runs Get-ChatSession | Get-ChatMessage | Export-Csv against it.
.EXAMPLE
    ./build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module (Join-Path $PSScriptRoot 'tests/Pester/TestHelpers.psm1') -Force

# A simple function on purpose: $args passes dotnet's own switches (-c) through untouched.
function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Dotnet build (Join-Path $PSScriptRoot 'ChatHistory.sln') -c $Configuration
}

function Invoke-Test {
    Invoke-Dotnet test (Join-Path $PSScriptRoot 'ChatHistory.sln') -c $Configuration
    if (-not (Get-Module -ListAvailable Pester | Where-Object Version -ge '5.0.0')) {
        throw 'The Pester tests need Pester 5: Install-Module Pester -MinimumVersion 5.0.0 -Scope CurrentUser'
    }
    Import-Module Pester -MinimumVersion 5.0.0
    $config = New-PesterConfiguration
    $config.Run.Path = Join-Path $PSScriptRoot 'tests/Pester'
    $config.Run.Exit = $true
    $config.Output.Verbosity = 'Detailed'
    $env:CHATHISTORY_CONFIGURATION = $Configuration
    Invoke-Pester -Configuration $config
}

function Invoke-Package {
    $script:Configuration = 'Release'
    Invoke-Build
    $moduleDir = Get-BuiltModuleDirectory -Configuration $Configuration
    $zip = Join-Path $PSScriptRoot "out/ChatHistory-$(Split-Path $moduleDir -Leaf).zip"
    Compress-Archive -Path (Split-Path $moduleDir -Parent) -DestinationPath $zip -Force
    Write-Host "Package: $zip"
}

function ConvertTo-Secret([string] $Text) {
    ConvertTo-SecureString $Text -AsPlainText -Force
}

function Connect-DemoProviders($Info) {
    # One connection per platform the simulator serves, from its demo credentials.
    $rocket = $Info.RocketChat
    Connect-ChatProvider -RocketChat -Url $rocket.Url -UserId $rocket.UserId -AuthToken (ConvertTo-Secret $rocket.AuthToken)
    Connect-ChatProvider -Bitrix24 -WebhookUrl (ConvertTo-Secret $Info.Bitrix24.WebhookUrl)
    Connect-ChatProvider -SuperOffice -Url $Info.SuperOffice.Url -AccessToken (ConvertTo-Secret $Info.SuperOffice.AccessToken)
    $kommo = $Info.Kommo
    Connect-ChatProvider -Kommo -ScopeId $kommo.ScopeId -ChannelSecret (ConvertTo-Secret $kommo.ChannelSecret) -AmojoUrl $kommo.AmojoUrl
}

function Invoke-Demo {
    Invoke-Build
    $simulator = Start-TestSimulator -Configuration $Configuration
    try {
        Import-Module (Join-Path (Get-BuiltModuleDirectory) 'ChatHistory.psd1') -Force
        Connect-DemoProviders $simulator.Info
        Get-ChatConnection | Format-Table | Out-Host

        Write-Host 'The first three Rocket.Chat sessions:' -ForegroundColor Cyan
        Get-ChatSession -Connection RocketChat -First 3 | Format-Table | Out-Host

        $csv = Join-Path $PSScriptRoot 'out/demo/messages.csv'
        New-Item -ItemType Directory -Force -Path (Split-Path $csv) | Out-Null
        # Kommo cannot list conversations: its ids come as a CSV of ids would give them.
        $kommoIds = $simulator.Info.Kommo.ConversationIds -split ',' | ForEach-Object { [pscustomobject]@{ ConversationId = $_ } }
        & {
            'RocketChat', 'Bitrix24', 'SuperOffice' | ForEach-Object { Get-ChatSession -Connection $_ | Get-ChatMessage }
            $kommoIds | Get-ChatSession -Connection Kommo | Get-ChatMessage
        } | Export-Csv -Path $csv -NoTypeInformation

        $rows = Import-Csv $csv
        Write-Host "Exported $($rows.Count) messages to $csv" -ForegroundColor Cyan
        $rows | Group-Object Provider, AuthorRole | Select-Object Name, Count | Format-Table | Out-Host
    }
    finally {
        Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
        Stop-TestSimulator $simulator
    }
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
}
