
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'infoview' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'infoview'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'infoview' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a journal: folders, infoview.yml, templates, .gitignore, and a git repository with a first commit. Safe to run twice: nothing that exists is overwritten')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new contact or interview from its template')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contacts or interviews, filtered')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a contact with its interviews as a timeline and its open items, or one interview')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set front-matter keys in place; every other byte of the file stays')
            [CompletionResult]::new('thanked', 'thanked', [CompletionResultType]::ParameterValue, 'Record that the thank-you note for an interview went out')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark a follow-up of an interview done')
            [CompletionResult]::new('follow-up', 'follow-up', [CompletionResultType]::ParameterValue, 'Add a follow-up to an interview: something you promised or mean to do')
            [CompletionResult]::new('nudged', 'nudged', [CompletionResultType]::ParameterValue, 'Record that a nudge about an unanswered request went out')
            [CompletionResult]::new('touched', 'touched', [CompletionResultType]::ParameterValue, 'Record a check-in with a contact (`last_contact`)')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Turn a request into a meeting ("they said yes"): set `status: scheduled` and its date, rename the file to the meeting''s day; prints the new id')
            [CompletionResult]::new('reschedule', 'reschedule', [CompletionResultType]::ParameterValue, 'Move an interview to another day: set its `date` and rename its file to match; prints the new id')
            [CompletionResult]::new('draft', 'draft', [CompletionResultType]::ParameterValue, 'Print a short message in your voice from the journal''s facts: a thank-you, a nudge, a first request, or an update to whoever introduced you. Nothing is sent')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the journal for overdue thank-yous, follow-ups, referrals and broken files')
            [CompletionResult]::new('agenda', 'agenda', [CompletionResultType]::ParameterValue, 'What to do next: upcoming interviews, thank-yous, follow-ups, referrals and check-ins, soonest first')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Refresh the index cache and print what the journal holds')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'The funnel (contacts → requested → scheduled → done → referrals), response rate and thank-you rate, by month and industry')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch the journal and commit every change after a quiet period')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Commit pending edits, fetch, rebase onto the remote branch, push')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the notes and front-matter values of contacts and interviews')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw who introduced or suggested whom')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write one self-contained HTML page about the journal')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import contacts from LinkedIn, Google Contacts or a vCard file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export interviews as an iCalendar file, or contacts as vCards')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('merge-file', 'merge-file', [CompletionResultType]::ParameterValue, 'Merge three versions of a journal file: the front-matter key by key, the body line by line (git''s merge-driver contract: %O %A %B %P)')
            [CompletionResult]::new('lsp', 'lsp', [CompletionResultType]::ParameterValue, 'Run the language server over stdio, for editors (see docs/editors.md)')
            [CompletionResult]::new('companies', 'companies', [CompletionResultType]::ParameterValue, 'Compare the companies your contacts work at')
            [CompletionResult]::new('prep', 'prep', [CompletionResultType]::ParameterValue, 'One page to read before a meeting')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Show the journal in your web browser: today''s agenda, a board of your interviews, contacts, notes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infoview;init' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;new' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('contact', 'contact', [CompletionResultType]::ParameterValue, 'A new contact: writes contacts/<slug>.md and prints its path')
            [CompletionResult]::new('interview', 'interview', [CompletionResultType]::ParameterValue, 'A new interview with a contact: writes interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infoview;new;contact' {
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Where they work')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'What they do there')
            [CompletionResult]::new('--industry', '--industry', [CompletionResultType]::ParameterName, 'Their field (used by `infoview stats`)')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Their email address')
            [CompletionResult]::new('--linkedin', '--linkedin', [CompletionResultType]::ParameterName, 'Their LinkedIn profile URL')
            [CompletionResult]::new('--met-via', '--met-via', [CompletionResultType]::ParameterName, 'How you know them: friend, family, classmate, alumni, colleague, event, linkedin, referral, cold…')
            [CompletionResult]::new('--referred-by', '--referred-by', [CompletionResultType]::ParameterName, 'The contact id of who introduced you')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--no-edit', '--no-edit', [CompletionResultType]::ParameterName, 'Do not open the editor')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;new;interview' {
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'When it takes place: YYYY-MM-DD or "YYYY-MM-DD HH:MM"')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'requested, scheduled, done, declined, cancelled or no-response (default: scheduled with --date, else requested)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'in-person, coffee, phone or video')
            [CompletionResult]::new('--platform', '--platform', [CompletionResultType]::ParameterName, 'Zoom, Google Meet, Teams, …')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--no-edit', '--no-edit', [CompletionResultType]::ParameterName, 'Do not open the editor')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;new;help' {
            [CompletionResult]::new('contact', 'contact', [CompletionResultType]::ParameterValue, 'A new contact: writes contacts/<slug>.md and prints its path')
            [CompletionResult]::new('interview', 'interview', [CompletionResultType]::ParameterValue, 'A new interview with a contact: writes interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infoview;new;help;contact' {
            break
        }
        'infoview;new;help;interview' {
            break
        }
        'infoview;new;help;help' {
            break
        }
        'infoview;list' {
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Only this contact and their interviews: an id or a name (any case, accents or not), resolved as every command resolves one')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Interviews with this status: requested, scheduled, done, declined, cancelled or no-response')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Items at a company whose name contains this (any case); for an interview, its contact''s company')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Items with this tag (any case)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Items dated on or after this day: an interview''s date (else the day it was requested), a contact''s latest interview')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Items dated on or before this day')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Items whose front-matter KEY equals VALUE: any key, your own included; any case; a list matches when one item does; a `contact`, `referred_by` or `referrals` written as a contact''s name also matches the id it resolves to; `KEY=` matches a missing or empty key; `KEY!=VALUE` negates. Repeatable')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--csv-safe', '--csv-safe', [CompletionResultType]::ParameterName, 'With --format csv: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `''` in front, so that a spreadsheet shows it as text instead of running it as a formula (for a file you open in Excel, LibreOffice or Google Sheets; off by default, as it changes values such as `+1 555 0100`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;show' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (`json`: the same facts, for scripts)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;set' {
            [CompletionResult]::new('--unset', '--unset', [CompletionResultType]::ParameterName, 'Remove KEY''s lines from the front-matter (and only them); repeat for more keys')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;thanked' {
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'When it was sent (default: today)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;done' {
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'When it was done (default: today)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;follow-up' {
            [CompletionResult]::new('--due', '--due', [CompletionResultType]::ParameterName, 'When it is due (default: today + the `follow-up-overdue` days)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;nudged' {
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'When it was sent (default: today)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;touched' {
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'When you were in touch (default: today)')
            [CompletionResult]::new('--note', '--note', [CompletionResultType]::ParameterName, 'Also add a dated line with TEXT to the contact''s `## Notes`')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'infoview;schedule' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;reschedule' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;draft' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `json` is one object (kind, to, subject, body, words)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Also print the subject line')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write it even when it does not fit the interview (a thank-you for a meeting still to come, a nudge for a meeting already held)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;lint' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `json` is one array of findings; `github` prints GitHub Actions annotations')
            [CompletionResult]::new('--rule', '--rule', [CompletionResultType]::ParameterName, 'Only these rules (repeatable); runs them even when infoview.yml turns them off')
            [CompletionResult]::new('--severity', '--severity', [CompletionResultType]::ParameterName, 'Only findings of at least this severity')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print the documentation of RULE and exit')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--list-rules', '--list-rules', [CompletionResultType]::ParameterName, 'List every rule with its default severity and days, and exit')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;agenda' {
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'How many days ahead to look')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: `json` is one array of items')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;index' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--rebuild', '--rebuild', [CompletionResultType]::ParameterName, 'Ignore the existing cache and read every file again')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;stats' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;watch' {
            [CompletionResult]::new('--debounce', '--debounce', [CompletionResultType]::ParameterName, 'Quiet period after the last write before committing, in milliseconds (default: watch.debounce_ms, 2000)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--push', '--push', [CompletionResultType]::ParameterName, 'Push after each commit and pull every interval')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;sync' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;search' {
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Only this contact and their interviews: an id or a name (any case, accents or not), resolved as every command resolves one')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Interviews with this status: requested, scheduled, done, declined, cancelled or no-response')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Items at a company whose name contains this (any case); for an interview, its contact''s company')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Items with this tag (any case)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Items dated on or after this day: an interview''s date (else the day it was requested), a contact''s latest interview')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Items dated on or before this day')
            [CompletionResult]::new('--where', '--where', [CompletionResultType]::ParameterName, 'Items whose front-matter KEY equals VALUE: any key, your own included; any case; a list matches when one item does; a `contact`, `referred_by` or `referrals` written as a contact''s name also matches the id it resolves to; `KEY=` matches a missing or empty key; `KEY!=VALUE` negates. Repeatable')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;graph' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Group contacts by company')
            [CompletionResult]::new('--industry', '--industry', [CompletionResultType]::ParameterName, 'Group contacts by industry')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;report' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Where to write it (default: `report:` in infoview.yml, relative to the journal, else report.html in infoview''s cache folder, outside what git tracks)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--open', '--open', [CompletionResultType]::ParameterName, 'Open it in the default browser afterwards')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;import' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be done, and change nothing')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;export' {
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (only when its content changes) instead of stdout')
            [CompletionResult]::new('--obligations-as', '--obligations-as', [CompletionResultType]::ParameterName, 'ics: how --obligations are written')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'vcard: the vCard version (3 for older phones)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--obligations', '--obligations', [CompletionResultType]::ParameterName, 'ics: also thank-yous, follow-ups and check-ins on their due dates')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;completions' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;man' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;merge-file' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;lsp' {
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--stdio', '--stdio', [CompletionResultType]::ParameterName, 'Accepted for clients that pass it (vscode-languageclient); stdio is the only transport')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;companies' {
            [CompletionResult]::new('--industry', '--industry', [CompletionResultType]::ParameterName, 'Only companies of this industry (any case)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order of the rows (ties by name)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;prep' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: indented text, or markdown for pasting')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;serve' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'The port to listen on (0: any free port)')
            [CompletionResult]::new('-C', '-C ', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--journal', '--journal', [CompletionResultType]::ParameterName, 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository''s root)')
            [CompletionResult]::new('--today', '--today', [CompletionResultType]::ParameterName, 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours (NO_COLOR is honoured by `auto`)')
            [CompletionResult]::new('--no-open', '--no-open', [CompletionResultType]::ParameterName, 'Do not open the browser; only print the address')
            [CompletionResult]::new('--no-commit', '--no-commit', [CompletionResultType]::ParameterName, 'Save changes without committing them (leave that to `watch`)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what is going on')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'infoview;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a journal: folders, infoview.yml, templates, .gitignore, and a git repository with a first commit. Safe to run twice: nothing that exists is overwritten')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new contact or interview from its template')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List contacts or interviews, filtered')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a contact with its interviews as a timeline and its open items, or one interview')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set front-matter keys in place; every other byte of the file stays')
            [CompletionResult]::new('thanked', 'thanked', [CompletionResultType]::ParameterValue, 'Record that the thank-you note for an interview went out')
            [CompletionResult]::new('done', 'done', [CompletionResultType]::ParameterValue, 'Mark a follow-up of an interview done')
            [CompletionResult]::new('follow-up', 'follow-up', [CompletionResultType]::ParameterValue, 'Add a follow-up to an interview: something you promised or mean to do')
            [CompletionResult]::new('nudged', 'nudged', [CompletionResultType]::ParameterValue, 'Record that a nudge about an unanswered request went out')
            [CompletionResult]::new('touched', 'touched', [CompletionResultType]::ParameterValue, 'Record a check-in with a contact (`last_contact`)')
            [CompletionResult]::new('schedule', 'schedule', [CompletionResultType]::ParameterValue, 'Turn a request into a meeting ("they said yes"): set `status: scheduled` and its date, rename the file to the meeting''s day; prints the new id')
            [CompletionResult]::new('reschedule', 'reschedule', [CompletionResultType]::ParameterValue, 'Move an interview to another day: set its `date` and rename its file to match; prints the new id')
            [CompletionResult]::new('draft', 'draft', [CompletionResultType]::ParameterValue, 'Print a short message in your voice from the journal''s facts: a thank-you, a nudge, a first request, or an update to whoever introduced you. Nothing is sent')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Check the journal for overdue thank-yous, follow-ups, referrals and broken files')
            [CompletionResult]::new('agenda', 'agenda', [CompletionResultType]::ParameterValue, 'What to do next: upcoming interviews, thank-yous, follow-ups, referrals and check-ins, soonest first')
            [CompletionResult]::new('index', 'index', [CompletionResultType]::ParameterValue, 'Refresh the index cache and print what the journal holds')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'The funnel (contacts → requested → scheduled → done → referrals), response rate and thank-you rate, by month and industry')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Watch the journal and commit every change after a quiet period')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Commit pending edits, fetch, rebase onto the remote branch, push')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the notes and front-matter values of contacts and interviews')
            [CompletionResult]::new('graph', 'graph', [CompletionResultType]::ParameterValue, 'Draw who introduced or suggested whom')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Write one self-contained HTML page about the journal')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import contacts from LinkedIn, Google Contacts or a vCard file')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export interviews as an iCalendar file, or contacts as vCards')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('merge-file', 'merge-file', [CompletionResultType]::ParameterValue, 'Merge three versions of a journal file: the front-matter key by key, the body line by line (git''s merge-driver contract: %O %A %B %P)')
            [CompletionResult]::new('lsp', 'lsp', [CompletionResultType]::ParameterValue, 'Run the language server over stdio, for editors (see docs/editors.md)')
            [CompletionResult]::new('companies', 'companies', [CompletionResultType]::ParameterValue, 'Compare the companies your contacts work at')
            [CompletionResult]::new('prep', 'prep', [CompletionResultType]::ParameterValue, 'One page to read before a meeting')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Show the journal in your web browser: today''s agenda, a board of your interviews, contacts, notes')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'infoview;help;init' {
            break
        }
        'infoview;help;new' {
            [CompletionResult]::new('contact', 'contact', [CompletionResultType]::ParameterValue, 'A new contact: writes contacts/<slug>.md and prints its path')
            [CompletionResult]::new('interview', 'interview', [CompletionResultType]::ParameterValue, 'A new interview with a contact: writes interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path')
            break
        }
        'infoview;help;new;contact' {
            break
        }
        'infoview;help;new;interview' {
            break
        }
        'infoview;help;list' {
            break
        }
        'infoview;help;show' {
            break
        }
        'infoview;help;set' {
            break
        }
        'infoview;help;thanked' {
            break
        }
        'infoview;help;done' {
            break
        }
        'infoview;help;follow-up' {
            break
        }
        'infoview;help;nudged' {
            break
        }
        'infoview;help;touched' {
            break
        }
        'infoview;help;schedule' {
            break
        }
        'infoview;help;reschedule' {
            break
        }
        'infoview;help;draft' {
            break
        }
        'infoview;help;lint' {
            break
        }
        'infoview;help;agenda' {
            break
        }
        'infoview;help;index' {
            break
        }
        'infoview;help;stats' {
            break
        }
        'infoview;help;watch' {
            break
        }
        'infoview;help;sync' {
            break
        }
        'infoview;help;search' {
            break
        }
        'infoview;help;graph' {
            break
        }
        'infoview;help;report' {
            break
        }
        'infoview;help;import' {
            break
        }
        'infoview;help;export' {
            break
        }
        'infoview;help;completions' {
            break
        }
        'infoview;help;man' {
            break
        }
        'infoview;help;merge-file' {
            break
        }
        'infoview;help;lsp' {
            break
        }
        'infoview;help;companies' {
            break
        }
        'infoview;help;prep' {
            break
        }
        'infoview;help;serve' {
            break
        }
        'infoview;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
