JAVA_OPTS="-Xms512m -Xmx4096m -XX:MaxPermSize=256m"
