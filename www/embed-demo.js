// The pattern a CMS integrator copies: keep 发布 disabled while the report has errors.
const checker = document.getElementById('checker');
const publish = document.getElementById('publish');
const status = document.getElementById('status');

checker.addEventListener('nianbao:report', (e) => {
  const report = e.detail;
  if (!report) {
    publish.disabled = true;
    status.className = '';
    status.textContent = '正文为空';
    return;
  }
  const { errors, warnings } = report.summary;
  publish.disabled = errors > 0;
  status.className = errors > 0 ? '' : 'ok';
  status.textContent = errors > 0
    ? `年报体检发现 ${errors} 个错误，请修改后再发布`
    : `可以发布${warnings ? `（另有 ${warnings} 个警告，建议核实）` : ''}`;
});

publish.addEventListener('click', () => {
  status.className = 'ok';
  status.textContent = '已提交发布（演示页面，未实际发送）';
});
