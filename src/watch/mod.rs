//! `infoview watch`: the file watcher and the policy of when to commit.
