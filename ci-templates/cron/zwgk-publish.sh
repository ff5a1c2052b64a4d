#!/bin/sh
# 不用 GitHub、GitLab 时的定时发布：从区里的 git 服务器取内容仓库的主分支，有新提交或到了新的一天就发布。
# 由 cron 每隔几分钟运行一次（见同目录的 zwgk）；发布失败时以非零代码退出，cron 把输出发给 MAILTO。
#
#   CONTENT   内容仓库（site_config.yml 和 content/）在本机的克隆，只用于发布，不在这里修改
#   TARGET    发布目录，网站服务器的根目录指向其中的 current
#   BRANCH    发布哪个分支
#   KEEP      保留最近几个版本
set -eu
CONTENT=${CONTENT:-/srv/zwgk-content}
TARGET=${TARGET:-/srv/zwgk}
BRANCH=${BRANCH:-main}
KEEP=${KEEP:-10}

cd "$CONTENT"
git fetch --quiet origin "$BRANCH"
git merge --ff-only --quiet FETCH_HEAD

# 同一个提交当天已经发布过就不再生成；到了新的一天重新生成一次（页面上按日期判断的内容会变）。
state="$(git rev-parse HEAD) $(date +%F)"
done_file="$(git rev-parse --git-dir)/disclose-published"
if [ "$state" = "$(cat "$done_file" 2>/dev/null || true)" ]; then
  exit 0
fi
echo "$(date '+%F %T') 发布 $(git log -1 --format='%h %s')"
disclose publish --config site_config.yml --to "$TARGET" --keep "$KEEP"
echo "$state" > "$done_file"
