# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_infoview_global_optspecs
    string join \n C/journal= today= color= q/quiet v/verbose h/help V/version
end

function __fish_infoview_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_infoview_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_infoview_using_subcommand
    set -l cmd (__fish_infoview_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c infoview -n "__fish_infoview_needs_command" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_needs_command" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_needs_command" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_needs_command" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_needs_command" -s V -l version -d 'Print version'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "init" -d 'Create a journal: folders, infoview.yml, templates, .gitignore, and a git repository with a first commit. Safe to run twice: nothing that exists is overwritten'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "new" -d 'Write a new contact or interview from its template'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "list" -d 'List contacts or interviews, filtered'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "show" -d 'Show a contact with its interviews as a timeline and its open items, or one interview'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "set" -d 'Set front-matter keys in place; every other byte of the file stays'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "thanked" -d 'Record that the thank-you note for an interview went out'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "done" -d 'Mark a follow-up of an interview done'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "follow-up" -d 'Add a follow-up to an interview: something you promised or mean to do'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "nudged" -d 'Record that a nudge about an unanswered request went out'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "touched" -d 'Record a check-in with a contact (`last_contact`)'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "schedule" -d 'Turn a request into a meeting ("they said yes"): set `status: scheduled` and its date, rename the file to the meeting\'s day; prints the new id'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "reschedule" -d 'Move an interview to another day: set its `date` and rename its file to match; prints the new id'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "draft" -d 'Print a short message in your voice from the journal\'s facts: a thank-you, a nudge, a first request, or an update to whoever introduced you. Nothing is sent'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "lint" -d 'Check the journal for overdue thank-yous, follow-ups, referrals and broken files'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "agenda" -d 'What to do next: upcoming interviews, thank-yous, follow-ups, referrals and check-ins, soonest first'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "index" -d 'Refresh the index cache and print what the journal holds'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "stats" -d 'The funnel (contacts → requested → scheduled → done → referrals), response rate and thank-you rate, by month and industry'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "watch" -d 'Watch the journal and commit every change after a quiet period'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "sync" -d 'Commit pending edits, fetch, rebase onto the remote branch, push'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "search" -d 'Search the notes and front-matter values of contacts and interviews'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "graph" -d 'Draw who introduced or suggested whom'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "report" -d 'Write one self-contained HTML page about the journal'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "import" -d 'Import contacts from LinkedIn, Google Contacts or a vCard file'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "export" -d 'Export interviews as an iCalendar file, or contacts as vCards'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "merge-file" -d 'Merge three versions of a journal file: the front-matter key by key, the body line by line (git\'s merge-driver contract: %O %A %B %P)'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "lsp" -d 'Run the language server over stdio, for editors (see docs/editors.md)'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "companies" -d 'Compare the companies your contacts work at'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "prep" -d 'One page to read before a meeting'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "serve" -d 'Show the journal in your web browser: today\'s agenda, a board of your interviews, contacts, notes'
complete -c infoview -n "__fish_infoview_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infoview -n "__fish_infoview_using_subcommand init" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand init" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand init" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand init" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand init" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand init" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -f -a "contact" -d 'A new contact: writes contacts/<slug>.md and prints its path'
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -f -a "interview" -d 'A new interview with a contact: writes interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path'
complete -c infoview -n "__fish_infoview_using_subcommand new; and not __fish_seen_subcommand_from contact interview help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l company -d 'Where they work' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l role -d 'What they do there' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l industry -d 'Their field (used by `infoview stats`)' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l email -d 'Their email address' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l linkedin -d 'Their LinkedIn profile URL' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l met-via -d 'How you know them: friend, family, classmate, alumni, colleague, event, linkedin, referral, cold…' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l referred-by -d 'The contact id of who introduced you' -r -f -a '(__fish_infoview_ids)'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -l no-edit -d 'Do not open the editor'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from contact" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -l date -d 'When it takes place: YYYY-MM-DD or "YYYY-MM-DD HH:MM"' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -l status -d 'requested, scheduled, done, declined, cancelled or no-response (default: scheduled with --date, else requested)' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -l format -d 'in-person, coffee, phone or video' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -l platform -d 'Zoom, Google Meet, Teams, …' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -l no-edit -d 'Do not open the editor'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from interview" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from help" -f -a "contact" -d 'A new contact: writes contacts/<slug>.md and prints its path'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from help" -f -a "interview" -d 'A new interview with a contact: writes interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path'
complete -c infoview -n "__fish_infoview_using_subcommand new; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infoview -n "__fish_infoview_using_subcommand list" -l contact -d 'Only this contact and their interviews: an id or a name (any case, accents or not), resolved as every command resolves one' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l status -d 'Interviews with this status: requested, scheduled, done, declined, cancelled or no-response' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l company -d 'Items at a company whose name contains this (any case); for an interview, its contact\'s company' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l tag -d 'Items with this tag (any case)' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l since -d 'Items dated on or after this day: an interview\'s date (else the day it was requested), a contact\'s latest interview' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l until -d 'Items dated on or before this day' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l where -d 'Items whose front-matter KEY equals VALUE: any key, your own included; any case; a list matches when one item does; a `contact`, `referred_by` or `referrals` written as a contact\'s name also matches the id it resolves to; `KEY=` matches a missing or empty key; `KEY!=VALUE` negates. Repeatable' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
ids\t'One id per line, for scripts and shell completion'"
complete -c infoview -n "__fish_infoview_using_subcommand list" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand list" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand list" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand list" -l csv-safe -d 'With --format csv: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `\'` in front, so that a spreadsheet shows it as text instead of running it as a formula (for a file you open in Excel, LibreOffice or Google Sheets; off by default, as it changes values such as `+1 555 0100`)'
complete -c infoview -n "__fish_infoview_using_subcommand list" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand list" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand show" -l format -d 'Output format (`json`: the same facts, for scripts)' -r -f -a "human\t''
json\t''"
complete -c infoview -n "__fish_infoview_using_subcommand show" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand show" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand show" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand show" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand show" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand show" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand set" -l unset -d 'Remove KEY\'s lines from the front-matter (and only them); repeat for more keys' -r
complete -c infoview -n "__fish_infoview_using_subcommand set" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand set" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand set" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand set" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand set" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand set" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand thanked" -l on -d 'When it was sent (default: today)' -r
complete -c infoview -n "__fish_infoview_using_subcommand thanked" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand thanked" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand thanked" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand thanked" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand thanked" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand thanked" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand done" -l on -d 'When it was done (default: today)' -r
complete -c infoview -n "__fish_infoview_using_subcommand done" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand done" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand done" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand done" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand done" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand done" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand follow-up" -l due -d 'When it is due (default: today + the `follow-up-overdue` days)' -r
complete -c infoview -n "__fish_infoview_using_subcommand follow-up" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand follow-up" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand follow-up" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand follow-up" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand follow-up" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand follow-up" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand nudged" -l on -d 'When it was sent (default: today)' -r
complete -c infoview -n "__fish_infoview_using_subcommand nudged" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand nudged" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand nudged" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand nudged" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand nudged" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand nudged" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand touched" -l on -d 'When you were in touch (default: today)' -r
complete -c infoview -n "__fish_infoview_using_subcommand touched" -l note -d 'Also add a dated line with TEXT to the contact\'s `## Notes`' -r
complete -c infoview -n "__fish_infoview_using_subcommand touched" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand touched" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand touched" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand touched" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand touched" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand touched" -s h -l help -d 'Print help'
complete -c infoview -n "__fish_infoview_using_subcommand schedule" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand schedule" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand schedule" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand schedule" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand schedule" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand schedule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand reschedule" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand reschedule" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand reschedule" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand reschedule" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand reschedule" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand reschedule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand draft" -l format -d 'Output format: `json` is one object (kind, to, subject, body, words)' -r -f -a "text\t''
json\t''"
complete -c infoview -n "__fish_infoview_using_subcommand draft" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand draft" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand draft" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand draft" -l subject -d 'Also print the subject line'
complete -c infoview -n "__fish_infoview_using_subcommand draft" -l force -d 'Write it even when it does not fit the interview (a thank-you for a meeting still to come, a nudge for a meeting already held)'
complete -c infoview -n "__fish_infoview_using_subcommand draft" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand draft" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand draft" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand lint" -l format -d 'Output format: `json` is one array of findings; `github` prints GitHub Actions annotations' -r -f -a "human\t''
json\t''
github\t''"
complete -c infoview -n "__fish_infoview_using_subcommand lint" -l rule -d 'Only these rules (repeatable); runs them even when infoview.yml turns them off' -r
complete -c infoview -n "__fish_infoview_using_subcommand lint" -l severity -d 'Only findings of at least this severity' -r -f -a "info\t''
warning\t''
error\t''"
complete -c infoview -n "__fish_infoview_using_subcommand lint" -l explain -d 'Print the documentation of RULE and exit' -r
complete -c infoview -n "__fish_infoview_using_subcommand lint" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand lint" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand lint" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand lint" -l list-rules -d 'List every rule with its default severity and days, and exit'
complete -c infoview -n "__fish_infoview_using_subcommand lint" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand lint" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand lint" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -l days -d 'How many days ahead to look' -r
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -l format -d 'Output format: `json` is one array of items' -r -f -a "human\t''
json\t''"
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand agenda" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand index" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand index" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand index" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand index" -l rebuild -d 'Ignore the existing cache and read every file again'
complete -c infoview -n "__fish_infoview_using_subcommand index" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand index" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand index" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand stats" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c infoview -n "__fish_infoview_using_subcommand stats" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand stats" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand stats" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand stats" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand stats" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand stats" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand watch" -l debounce -d 'Quiet period after the last write before committing, in milliseconds (default: watch.debounce_ms, 2000)' -r
complete -c infoview -n "__fish_infoview_using_subcommand watch" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand watch" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand watch" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand watch" -l push -d 'Push after each commit and pull every interval'
complete -c infoview -n "__fish_infoview_using_subcommand watch" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand watch" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand watch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand sync" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand sync" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand sync" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand sync" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand sync" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand search" -l contact -d 'Only this contact and their interviews: an id or a name (any case, accents or not), resolved as every command resolves one' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l status -d 'Interviews with this status: requested, scheduled, done, declined, cancelled or no-response' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l company -d 'Items at a company whose name contains this (any case); for an interview, its contact\'s company' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l tag -d 'Items with this tag (any case)' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l since -d 'Items dated on or after this day: an interview\'s date (else the day it was requested), a contact\'s latest interview' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l until -d 'Items dated on or before this day' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l where -d 'Items whose front-matter KEY equals VALUE: any key, your own included; any case; a list matches when one item does; a `contact`, `referred_by` or `referrals` written as a contact\'s name also matches the id it resolves to; `KEY=` matches a missing or empty key; `KEY!=VALUE` negates. Repeatable' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l format -d 'Output format' -r -f -a "human\t''
json\t''"
complete -c infoview -n "__fish_infoview_using_subcommand search" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand search" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand search" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand search" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand search" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand graph" -l format -d 'Output format' -r -f -a "dot\t''
mermaid\t''
json\t''"
complete -c infoview -n "__fish_infoview_using_subcommand graph" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand graph" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand graph" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand graph" -l company -d 'Group contacts by company'
complete -c infoview -n "__fish_infoview_using_subcommand graph" -l industry -d 'Group contacts by industry'
complete -c infoview -n "__fish_infoview_using_subcommand graph" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand graph" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand graph" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand report" -l out -d 'Where to write it (default: `report:` in infoview.yml, relative to the journal, else report.html in infoview\'s cache folder, outside what git tracks)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand report" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand report" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand report" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand report" -l open -d 'Open it in the default browser afterwards'
complete -c infoview -n "__fish_infoview_using_subcommand report" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand report" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand import" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand import" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand import" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand import" -l dry-run -d 'Print what would be done, and change nothing'
complete -c infoview -n "__fish_infoview_using_subcommand import" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand import" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand export" -l out -d 'Write to this file (only when its content changes) instead of stdout' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand export" -l obligations-as -d 'ics: how --obligations are written' -r -f -a "events\t'All-day events'
todos\t'To-dos (VTODO) with a due date'"
complete -c infoview -n "__fish_infoview_using_subcommand export" -l version -d 'vcard: the vCard version (3 for older phones)' -r -f -a "4\t''
3\t''"
complete -c infoview -n "__fish_infoview_using_subcommand export" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand export" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand export" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand export" -l obligations -d 'ics: also thank-yous, follow-ups and check-ins on their due dates'
complete -c infoview -n "__fish_infoview_using_subcommand export" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand export" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand completions" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand completions" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand completions" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand completions" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand man" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand man" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand man" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand man" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand man" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand merge-file" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand merge-file" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand merge-file" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand merge-file" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand merge-file" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand merge-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand lsp" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand lsp" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand lsp" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand lsp" -l stdio -d 'Accepted for clients that pass it (vscode-languageclient); stdio is the only transport'
complete -c infoview -n "__fish_infoview_using_subcommand lsp" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand lsp" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand lsp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand companies" -l industry -d 'Only companies of this industry (any case)' -r
complete -c infoview -n "__fish_infoview_using_subcommand companies" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c infoview -n "__fish_infoview_using_subcommand companies" -l sort -d 'Order of the rows (ties by name)' -r -f -a "advocacy\t'Done conversations, then referrals, then pending requests'
name\t'Company name, A to Z'
last-touch\t'Most recent touch first'
contacts\t'Most contacts first'
open-items\t'Most open items first'"
complete -c infoview -n "__fish_infoview_using_subcommand companies" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand companies" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand companies" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand companies" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand companies" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand companies" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand prep" -l format -d 'Output format: indented text, or markdown for pasting' -r -f -a "text\t''
markdown\t''"
complete -c infoview -n "__fish_infoview_using_subcommand prep" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand prep" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand prep" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand prep" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand prep" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand prep" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand serve" -l port -d 'The port to listen on (0: any free port)' -r
complete -c infoview -n "__fish_infoview_using_subcommand serve" -s C -l journal -d 'The journal folder (default: the nearest folder above the current one holding infoview.yml, else the git repository\'s root)' -r -F
complete -c infoview -n "__fish_infoview_using_subcommand serve" -l today -d 'Pretend today is this date (also INFOVIEW_TODAY), so that output is reproducible' -r
complete -c infoview -n "__fish_infoview_using_subcommand serve" -l color -d 'When to use colours (NO_COLOR is honoured by `auto`)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c infoview -n "__fish_infoview_using_subcommand serve" -l no-open -d 'Do not open the browser; only print the address'
complete -c infoview -n "__fish_infoview_using_subcommand serve" -l no-commit -d 'Save changes without committing them (leave that to `watch`)'
complete -c infoview -n "__fish_infoview_using_subcommand serve" -s q -l quiet -d 'Print only results and errors'
complete -c infoview -n "__fish_infoview_using_subcommand serve" -s v -l verbose -d 'Say more about what is going on'
complete -c infoview -n "__fish_infoview_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "init" -d 'Create a journal: folders, infoview.yml, templates, .gitignore, and a git repository with a first commit. Safe to run twice: nothing that exists is overwritten'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "new" -d 'Write a new contact or interview from its template'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "list" -d 'List contacts or interviews, filtered'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "show" -d 'Show a contact with its interviews as a timeline and its open items, or one interview'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "set" -d 'Set front-matter keys in place; every other byte of the file stays'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "thanked" -d 'Record that the thank-you note for an interview went out'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "done" -d 'Mark a follow-up of an interview done'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "follow-up" -d 'Add a follow-up to an interview: something you promised or mean to do'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "nudged" -d 'Record that a nudge about an unanswered request went out'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "touched" -d 'Record a check-in with a contact (`last_contact`)'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "schedule" -d 'Turn a request into a meeting ("they said yes"): set `status: scheduled` and its date, rename the file to the meeting\'s day; prints the new id'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "reschedule" -d 'Move an interview to another day: set its `date` and rename its file to match; prints the new id'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "draft" -d 'Print a short message in your voice from the journal\'s facts: a thank-you, a nudge, a first request, or an update to whoever introduced you. Nothing is sent'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "lint" -d 'Check the journal for overdue thank-yous, follow-ups, referrals and broken files'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "agenda" -d 'What to do next: upcoming interviews, thank-yous, follow-ups, referrals and check-ins, soonest first'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "index" -d 'Refresh the index cache and print what the journal holds'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "stats" -d 'The funnel (contacts → requested → scheduled → done → referrals), response rate and thank-you rate, by month and industry'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "watch" -d 'Watch the journal and commit every change after a quiet period'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "sync" -d 'Commit pending edits, fetch, rebase onto the remote branch, push'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "search" -d 'Search the notes and front-matter values of contacts and interviews'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "graph" -d 'Draw who introduced or suggested whom'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "report" -d 'Write one self-contained HTML page about the journal'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "import" -d 'Import contacts from LinkedIn, Google Contacts or a vCard file'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "export" -d 'Export interviews as an iCalendar file, or contacts as vCards'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "completions" -d 'Print shell completions'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "man" -d 'Print the man page (roff)'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "merge-file" -d 'Merge three versions of a journal file: the front-matter key by key, the body line by line (git\'s merge-driver contract: %O %A %B %P)'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "lsp" -d 'Run the language server over stdio, for editors (see docs/editors.md)'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "companies" -d 'Compare the companies your contacts work at'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "prep" -d 'One page to read before a meeting'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "serve" -d 'Show the journal in your web browser: today\'s agenda, a board of your interviews, contacts, notes'
complete -c infoview -n "__fish_infoview_using_subcommand help; and not __fish_seen_subcommand_from init new list show set thanked done follow-up nudged touched schedule reschedule draft lint agenda index stats watch sync search graph report import export completions man merge-file lsp companies prep serve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c infoview -n "__fish_infoview_using_subcommand help; and __fish_seen_subcommand_from new" -f -a "contact" -d 'A new contact: writes contacts/<slug>.md and prints its path'
complete -c infoview -n "__fish_infoview_using_subcommand help; and __fish_seen_subcommand_from new" -f -a "interview" -d 'A new interview with a contact: writes interviews/<YYYY>/<YYYY-MM-DD>-<contact>.md and prints its path'

function __fish_infoview_ids
    set -l tokens (commandline -opc)
    set -l journal
    set -l sub
    set -l pos 0
    set -l i 2
    while test $i -le (count $tokens)
        set -l w $tokens[$i]
        switch $w
            case -C --journal
                set i (math $i + 1)
                set journal -C (string replace -r '^~' $HOME -- $tokens[$i])
            case '--journal=*'
                set journal -C (string replace -r '^--journal=~?' '' -- $w)
            case --today --color --referred-by
                set i (math $i + 1)
            case '-*'
            case '*'
                if test -z "$sub"
                    set sub $w
                else
                    set pos (math $pos + 1)
                end
        end
        set i (math $i + 1)
    end
    set -l what
    if test "$tokens[-1]" = --referred-by
        set what contacts
    else
        switch "$sub,$pos"
            case show,0 set,0
            case thanked,0
                set what interviews
            case new,1
                test "$tokens[-1]" = interview; or return 1
                set what contacts
            case '*'
                return 1
        end
    end
    test "$argv[1]" = --check; and return 0
    infoview $journal -q list $what --format ids 2>/dev/null
end
complete -c infoview -f -n '__fish_infoview_ids --check' -a '(__fish_infoview_ids)'
