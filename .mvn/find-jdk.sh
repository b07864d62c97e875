# Selects a JDK of version 21 or newer for the build and the launcher.
# Sourced (POSIX sh) by ./mvnw, ./recsys and .ci/run. When JAVA_HOME, or the
# `java` on the PATH, is older than 21, the newest JDK >= 21 found under the
# usual install roots is exported as JAVA_HOME. Nothing changes otherwise.

recsys_jdk_major() {
  "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9][0-9]*\).*/\1/p'
}

recsys_find_jdk() {
  recsys_current=""
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    recsys_current="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    recsys_current="$(command -v java)"
  fi
  if [ -n "$recsys_current" ]; then
    recsys_major="$(recsys_jdk_major "$recsys_current")"
    if [ -n "$recsys_major" ] && [ "$recsys_major" -ge 21 ]; then
      return 0
    fi
  fi
  recsys_best=""
  recsys_best_major=0
  # The caller may run with globbing off (mvnw uses set -f); the search below needs it.
  case $- in *f*) recsys_noglob=1; set +f ;; *) recsys_noglob=0 ;; esac
  for recsys_home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$recsys_home/bin/java" ] && [ -x "$recsys_home/bin/javac" ] || continue
    recsys_major="$(recsys_jdk_major "$recsys_home/bin/java")"
    [ -n "$recsys_major" ] || continue
    if [ "$recsys_major" -ge 21 ] && [ "$recsys_major" -gt "$recsys_best_major" ]; then
      recsys_best="$recsys_home"
      recsys_best_major="$recsys_major"
    fi
  done
  if [ "$recsys_noglob" = 1 ]; then set -f; fi
  if [ -z "$recsys_best" ]; then
    echo "recsys needs a JDK of version 21 or newer; found ${recsys_major:-none} on the PATH and none under /usr/lib/jvm. Install one or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME="$recsys_best"
  export JAVA_HOME
}

recsys_find_jdk || exit 1
