package dev.recsys.core.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitRevisionTest {
  @Test
  void revisionAndDirtyFlagAgreeOnWhetherGitAnswers() {
    String revision = GitRevision.current();
    Optional<Boolean> dirty = GitRevision.dirty();
    assertTrue(revision.equals(GitRevision.UNKNOWN) || revision.matches("[0-9a-f]{40}"), revision);
    // a readable revision means the directory is a repository, so git status answers too
    if (!revision.equals(GitRevision.UNKNOWN)) {
      assertTrue(dirty.isPresent());
    }
    assertEquals(revision, GitRevision.current());
  }
}
