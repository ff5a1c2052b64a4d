"""政务公开网站生成器: validate department YAML and build a static disclosure site."""

DISTRIBUTION = "zwgk-disclose"
"""Our name on the package index (`disclose` there is an unrelated project); the command stays `disclose`."""
