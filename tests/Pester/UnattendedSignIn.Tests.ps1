#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# A scheduled task signs in with no prompt: from environment variables or a stored secret, and no
# secret shows in any stream.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModuleDir = Get-BuiltModuleDirectory
    Import-Module (Join-Path $script:ModuleDir 'ChatHistory.psd1') -Force
    $script:Simulator = Start-TestSimulator
    $script:Info = $script:Simulator.Info
}

AfterAll {
    Disconnect-ChatProvider -All -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Simulator
    Remove-Module ChatHistory -Force -ErrorAction SilentlyContinue
}

Describe 'Connect-ChatProvider -FromEnvironment' {
    It 'runs a whole export in a fresh, non-interactive pwsh with only the variables set' {
        $rocket = $script:Info.RocketChat
        $csv = Join-Path ([IO.Path]::GetTempPath()) "chathistory-task-$PID.csv"
        $task = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Join-Path $script:ModuleDir 'ChatHistory.psd1')'
Connect-ChatProvider -RocketChat -FromEnvironment -Verbose 4>&1 | Out-String
Get-ChatSession -First 2 | Get-ChatMessage | ConvertTo-ChatRecord | Export-Csv '$csv'
Get-ChatConnection | Format-List * | Out-String
"exported `$((Import-Csv '$csv').Count)"
"@
        try {
            $output = Invoke-FreshPwsh -Script "& { $task } *>&1" -Environment @{
                CHATHISTORY_ROCKETCHAT_URL = $rocket.Url; CHATHISTORY_ROCKETCHAT_USERID = $rocket.UserId; CHATHISTORY_ROCKETCHAT_AUTHTOKEN = $rocket.AuthToken
            }
            $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
            ($output -join "`n") | Should -Match 'exported [1-9]'
            ($output -join "`n") | Should -Match "Connected 'RocketChat'" -Because 'the verbose stream is captured, so the next line checks it too'
            ($output -join "`n") | Should -Not -Match ([regex]::Escape($rocket.AuthToken))
        }
        finally {
            Remove-Item $csv -ErrorAction SilentlyContinue
        }
    }

    It 'names the missing variables and shows no value' {
        $secret = $script:Info.Kommo.ChannelSecret
        [Environment]::SetEnvironmentVariable('CHATHISTORY_KOMMO_CHANNELSECRET', $secret)
        try {
            $failure = { Connect-ChatProvider -Kommo -FromEnvironment } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'ChatHistory.InvalidArgument*'
            $failure.Exception.Message | Should -Match 'CHATHISTORY_KOMMO_SCOPEID'
            ($failure | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($secret))
        }
        finally {
            [Environment]::SetEnvironmentVariable('CHATHISTORY_KOMMO_CHANNELSECRET', $null)
        }
    }
}

Describe 'A stored secret' {
    It 'Export-Clixml / Import-Clixml of a PSCredential connects (encrypted with DPAPI on Windows)' {
        $rocket = $script:Info.RocketChat
        $file = Join-Path ([IO.Path]::GetTempPath()) "chathistory-cred-$PID.xml"
        try {
            [pscredential]::new($rocket.UserId, (ConvertTo-SecureString $rocket.AuthToken -AsPlainText -Force)) | Export-Clixml $file
            if ($IsWindows) { Get-Content $file -Raw | Should -Not -Match ([regex]::Escape($rocket.AuthToken)) }

            $stored = Import-Clixml $file
            $connection = Connect-ChatProvider -RocketChat -Url $rocket.Url -UserId $stored.UserName -AuthToken $stored.Password -Name stored -PassThru
            @(Get-ChatSession -Connection $connection -First 1).Count | Should -Be 1
            ($connection | Format-List * -Force | Out-String) | Should -Not -Match ([regex]::Escape($rocket.AuthToken))
        }
        finally {
            Remove-Item $file -ErrorAction SilentlyContinue
            Disconnect-ChatProvider -Name stored -ErrorAction SilentlyContinue
        }
    }

    It 'a SecretManagement vault''s SecureString goes straight into -WebhookUrl' {
        # Get-Secret (Microsoft.PowerShell.SecretManagement) returns a SecureString by default; this
        # stand-in returns one the same way, so the documented line runs unchanged.
        function Get-Secret([string] $Name) { ConvertTo-SecureString $script:Info.Bitrix24.WebhookUrl -AsPlainText -Force }
        $all = Connect-ChatProvider -Bitrix24 -WebhookUrl (Get-Secret -Name ChatHistoryBitrix24Webhook) -Name vault -PassThru -Verbose *>&1 | Out-String
        $all | Should -Not -Match ([regex]::Escape(($script:Info.Bitrix24.WebhookUrl -split '/rest/')[1]))
        @(Get-ChatSession -Connection vault -First 1).Count | Should -Be 1
        Disconnect-ChatProvider -Name vault
    }

    It 'is the pattern the help shows' {
        $help = Get-Help Connect-ChatProvider -Examples | Out-String
        $help | Should -Match 'Import-Clixml'
        $help | Should -Match 'Get-Secret -Name'
        $help | Should -Match '-FromEnvironment'
    }
}
