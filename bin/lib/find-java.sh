# Sourced by the launchers and by .ci/run: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME if it is 21+, then `java` on the PATH, then the newest JDK under /usr/lib/jvm.

java_major() { # prints the feature version of the java binary given, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}

require_java_21() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null || true)" \
                   $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV); do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(cd "$(dirname "$candidate")/.." && pwd)
      export JAVA_HOME
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "error: istgt-telemetry needs a JDK 21 or newer and found none (looked at \$JAVA_HOME, java on the PATH and /usr/lib/jvm/*)." >&2
  echo "       Install one (Temurin 21 or 25, or Debian's openjdk-21-jdk-headless where available) and set JAVA_HOME to it." >&2
  return 1
}
